package fr.vigie.observables;

import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exports (MISP core format, STIX 2.1) of a ticket or a campaign, and pushes to MISP. {@code
 * recipients} (comma-separated names, e.g. {@code CERT-FR,CSIRT Normandie}) is how an analyst lets
 * AMBER+STRICT and RED content out, for those named only.
 */
@Controller("/api/v1")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class SharingController {

  static final int MAX_RECIPIENTS = 10;

  private final Sharing sharing;

  SharingController(Sharing sharing) {
    this.sharing = sharing;
  }

  @Get("/tickets/{reference}/export")
  Map<String, Object> ticket(
      @PathVariable String reference,
      @Nullable @QueryValue String format,
      @Nullable @QueryValue String recipients,
      Authentication who) {
    return sharing
        .exportTicket(reference, format(format), recipients(recipients), who.getName())
        .orElseThrow(() -> ProblemException.notFound("Ticket"));
  }

  @Get("/campaigns/{id}/export")
  Map<String, Object> campaign(
      @PathVariable String id,
      @Nullable @QueryValue String format,
      @Nullable @QueryValue String recipients,
      Authentication who) {
    return sharing
        .exportCampaign(
            ObservableController.parseId(id), format(format), recipients(recipients), who.getName())
        .orElseThrow(() -> ProblemException.notFound("Campaign"));
  }

  @Post("/tickets/{reference}/misp")
  HttpResponse<Sharing.PushRequest> pushTicket(@PathVariable String reference, Authentication who) {
    return HttpResponse.accepted()
        .body(
            sharing
                .push("ticket:" + reference, who.getName())
                .orElseThrow(() -> ProblemException.notFound("Ticket")));
  }

  @Post("/campaigns/{id}/misp")
  HttpResponse<Sharing.PushRequest> pushCampaign(@PathVariable String id, Authentication who) {
    return HttpResponse.accepted()
        .body(
            sharing
                .push("campaign:" + ObservableController.parseId(id), who.getName())
                .orElseThrow(() -> ProblemException.notFound("Campaign")));
  }

  static Sharing.Format format(String format) {
    if ("misp".equals(format)) {
      return Sharing.Format.MISP;
    }
    if ("stix".equals(format)) {
      return Sharing.Format.STIX;
    }
    throw ProblemException.malformed("format", "expected misp or stix");
  }

  static List<String> recipients(String recipients) {
    if (recipients == null || recipients.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    String[] parts = recipients.split(",", -1);
    if (parts.length > MAX_RECIPIENTS) {
      throw ProblemException.malformed("recipients", "at most " + MAX_RECIPIENTS + " recipients");
    }
    for (String part : parts) {
      String name = part.strip();
      String problem = name.isEmpty() ? "an empty name" : Texts.problem(name, 100, false);
      if (problem == null && !name.matches("[\\p{L}\\p{N} .'_()-]+")) {
        problem = "letters, digits, spaces and . ' _ ( ) - only";
      }
      if (problem != null) {
        throw ProblemException.malformed("recipients", problem);
      }
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }
}
