package fr.vigie.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import fr.vigie.audit.Audit;
import fr.vigie.db.Database;
import fr.vigie.http.Page;
import fr.vigie.http.ProblemException;
import fr.vigie.routing.internal.ReferralReader;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * The provider portal: a PROVIDER user sees and answers only its own provider's referrals. Another
 * provider's referral is "not found", never "forbidden": nothing says it exists. Every answer shows
 * a victim (its name, and its contact once the provider holds the case): each is audited (DESIGN.md
 * §9), the answers themselves through the ticket's timeline.
 */
@Controller("/api/v1/provider/referrals")
@Secured("PROVIDER")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ProviderPortalController {

  private final Database database;
  private final ReferralReader reader;
  private final Referrals referrals;
  private final Audit audit;

  ProviderPortalController(
      Database database, ReferralReader reader, Referrals referrals, Audit audit) {
    this.database = database;
    this.reader = reader;
    this.referrals = referrals;
    this.audit = audit;
  }

  /** A provider's answer: a note (required to decline), and for {@code complete} the outcome. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Answer(@Nullable String note, @Nullable String outcome) {}

  @Get
  Page<ProviderReferral> list(
      @QueryValue(defaultValue = "0") String page,
      @QueryValue(defaultValue = "50") String size,
      Authentication who) {
    Page.Request request = Page.Request.parse(page, size);
    Page<ProviderReferral> answer =
        database.read(
            c -> {
              long provider = provider(c, who);
              return new Page<>(
                  reader.forProvider(c, provider, request.page(), request.size()),
                  request.page(),
                  request.size(),
                  reader.countForProvider(c, provider));
            });
    audit.record(
        who.getName(),
        "PROVIDER_REFERRALS_LISTED",
        "referrals",
        Map.of(
            "referrals", answer.items().stream().map(ProviderReferral::id).toList(),
            "page", request.page()));
    return answer;
  }

  @Get("/{id}")
  ProviderReferral get(@PathVariable String id, Authentication who) {
    long referral = Ids.parse(id);
    ProviderReferral answer =
        database
            .read(c -> reader.forProvider(c, provider(c, who), referral))
            .orElseThrow(() -> ProblemException.notFound("Referral"));
    audit.record(
        who.getName(),
        "REFERRAL_VIEWED",
        "referral:" + referral,
        Map.of(
            "ticket", answer.reference(),
            "state", answer.state().name(),
            "contactShown", answer.contact() != null));
    return answer;
  }

  @Post("/{id}/accept")
  ProviderReferral accept(
      @PathVariable String id, @Nullable @Body Answer body, Authentication who) {
    long referral = Ids.parse(id);
    referrals.accept(referral, provider(who), who.getName(), note(body));
    return get(id, who);
  }

  @Post("/{id}/decline")
  ProviderReferral decline(
      @PathVariable String id, @Nullable @Body Answer body, Authentication who) {
    long referral = Ids.parse(id);
    referrals.decline(referral, provider(who), who.getName(), note(body));
    return get(id, who);
  }

  @Post("/{id}/engaged")
  ProviderReferral engaged(
      @PathVariable String id, @Nullable @Body Answer body, Authentication who) {
    long referral = Ids.parse(id);
    referrals.engaged(referral, provider(who), who.getName(), note(body));
    return get(id, who);
  }

  @Post("/{id}/complete")
  ProviderReferral complete(
      @PathVariable String id, @Nullable @Body Answer body, Authentication who) {
    long referral = Ids.parse(id);
    referrals.complete(
        referral, provider(who), who.getName(), note(body), body == null ? null : body.outcome());
    return get(id, who);
  }

  private static String note(Answer body) {
    return body == null ? null : body.note();
  }

  private long provider(Authentication who) {
    return database.read(c -> provider(c, who));
  }

  /**
   * The caller's provider: the one its token names (Vigie's own tokens carry it and stop when the
   * account's provider changes; an external issuer's carry its mapped claim), else its account's.
   */
  private long provider(java.sql.Connection c, Authentication who) throws java.sql.SQLException {
    return provider(c, reader, who);
  }

  /** The same for the portal's page ({@code /prestataire}). */
  static long provider(java.sql.Connection c, ReferralReader reader, Authentication who)
      throws java.sql.SQLException {
    Object claim = who.getAttributes().get("providerId");
    if (claim instanceof Number n && n.longValue() > 0) {
      return n.longValue();
    }
    return reader
        .providerOf(c, who.getName())
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.FORBIDDEN, "This account is not bound to a provider."));
  }
}
