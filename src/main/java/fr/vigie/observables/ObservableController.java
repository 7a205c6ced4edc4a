package fr.vigie.observables;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.vigie.http.Problem.FieldError;
import fr.vigie.http.ProblemException;
import fr.vigie.http.Texts;
import fr.vigie.tickets.ObservableType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A ticket's observables: list with correlations, add, tag, re-mark and retract. */
@Controller("/api/v1/tickets/{reference}/observables")
@Secured({"ANALYST", "COORDINATOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
final class ObservableController {

  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 100;

  private final Observables observables;

  ObservableController(Observables observables) {
    this.observables = observables;
  }

  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  record NewObservable(
      @Nullable String type,
      @Nullable String value,
      @Nullable String tlp,
      @Nullable List<String> tags) {}

  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  record ObservableChange(
      @Nullable List<String> tags,
      @Nullable String tlp,
      @Nullable Boolean retracted,
      @Nullable String reason) {}

  @Get
  TicketObservables list(@PathVariable String reference, Authentication who) {
    return observables
        .list(reference, who.getName())
        .orElseThrow(() -> ProblemException.notFound("Ticket"));
  }

  @Post
  HttpResponse<ObservableView> add(
      @PathVariable String reference, @Body NewObservable body, Authentication who) {
    List<FieldError> errors = new ArrayList<>();
    ObservableType type = null;
    if (body.type() == null) {
      errors.add(new FieldError("type", "is required"));
    } else {
      try {
        type = ObservableType.valueOf(body.type());
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError("type", "expected one of " + Arrays.toString(ObservableType.values())));
      }
    }
    if (body.value() == null || body.value().isBlank()) {
      errors.add(new FieldError("value", "is required"));
    }
    Tlp tlp = tlp(body.tlp(), errors);
    List<String> tags = tags(body.tags(), errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    ObservableView created =
        observables
            .add(reference, new Observables.Addition(type, body.value(), tlp, tags), who.getName())
            .orElseThrow(() -> ProblemException.notFound("Ticket"));
    return HttpResponse.created(
        created, URI.create("/api/v1/tickets/" + reference + "/observables/" + created.id()));
  }

  @Patch("/{id}")
  ObservableView change(
      @PathVariable String reference,
      @PathVariable String id,
      @Body ObservableChange body,
      Authentication who) {
    long number = parseId(id);
    List<FieldError> errors = new ArrayList<>();
    Tlp tlp = tlp(body.tlp(), errors);
    List<String> tags = body.tags() == null ? null : tags(body.tags(), errors);
    boolean retract = Boolean.TRUE.equals(body.retracted());
    if (Boolean.FALSE.equals(body.retracted())) {
      errors.add(new FieldError("retracted", "a retraction cannot be undone: add it again"));
    }
    String reason = body.reason() == null ? null : body.reason().strip();
    if (retract && (reason == null || reason.isEmpty())) {
      errors.add(new FieldError("reason", "is required to retract"));
    } else if (reason != null) {
      String problem = Texts.problem(reason, 2_000, true);
      if (problem != null) {
        errors.add(new FieldError("reason", problem));
      }
    }
    if (tags == null && tlp == null && !retract && errors.isEmpty()) {
      errors.add(new FieldError("tags", "nothing to change: tags, tlp or retracted"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return observables
        .update(reference, number, tags, tlp, retract, reason, who.getName())
        .orElseThrow(() -> ProblemException.notFound("Observable"));
  }

  static long parseId(String id) {
    try {
      long n = Long.parseLong(id);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.malformed("id", "a positive number");
  }

  static Tlp tlp(String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    Tlp tlp = Tlp.parse(value);
    if (tlp == null || value.length() > 20) {
      errors.add(new FieldError("tlp", "expected one of " + Arrays.toString(Tlp.values())));
    }
    return tlp;
  }

  static List<String> tags(List<String> tags, List<FieldError> errors) {
    if (tags == null) {
      return List.of();
    }
    if (tags.size() > MAX_TAGS) {
      errors.add(new FieldError("tags", "at most " + MAX_TAGS + " tags"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i) == null ? "" : tags.get(i).strip();
      String problem = tag.isEmpty() ? "is empty" : Texts.problem(tag, MAX_TAG, false);
      if (problem != null) {
        errors.add(new FieldError("tags[" + i + "]", problem));
      } else if (!out.contains(tag)) {
        out.add(tag);
      }
    }
    return out;
  }
}
