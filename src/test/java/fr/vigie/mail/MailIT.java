package fr.vigie.mail;

import static fr.vigie.mail.MailFixture.DESK;
import static fr.vigie.mail.MailFixture.DESK_PASSWORD;
import static fr.vigie.mail.MailFixture.count;
import static fr.vigie.mail.MailFixture.email;
import static fr.vigie.mail.MailFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.db.Database;
import fr.vigie.notify.OutboxDispatcher;
import fr.vigie.security.UserService;
import fr.vigie.security.internal.Retention;
import fr.vigie.testing.Http;
import fr.vigie.testing.ReportJson;
import fr.vigie.testing.Staff;
import fr.vigie.testing.TicketCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The desk's mailbox against a real IMAP and SMTP server (GreenMail): e-mails become tickets,
 * replies or review items, automatic e-mails are ignored, a message read twice is stored once,
 * attachments are checked, the analyst's answer reaches the victim's box in the same thread, an
 * outage shows, and retention erases what came by e-mail.
 */
@MicronautTest(transactional = false)
@Property(name = "spec.name", value = "MailIT")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailIT implements TestPropertyProvider {

  static final Instant FRIDAY_10 = Instant.parse("2026-11-20T09:00:00Z");
  static final AtomicReference<Instant> NOW = new AtomicReference<>(FRIDAY_10);
  static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  final MailFixture fixture;

  MailIT() throws IOException {
    fixture = new MailFixture();
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>();
    // Read whole up to 200 kB here (40 MiB by default): anEmailTooLargeToRead… sends more.
    properties.put("vigie.mail.message-max-size", "200000");
    properties.putAll(
        Map.of(
            "vigie.notify.smtp.host",
            "127.0.0.1",
            "vigie.notify.smtp.port",
            String.valueOf(fixture.smtpPort()),
            "vigie.notify.from",
            DESK,
            "vigie.mail.imap.host",
            "127.0.0.1",
            "vigie.mail.imap.port",
            String.valueOf(fixture.imapPort()),
            "vigie.mail.imap.username",
            DESK,
            "vigie.mail.imap.password",
            DESK_PASSWORD,
            "vigie.mail.imap.tls",
            "NONE",
            "vigie.mail.attachment-max-size",
            "2000"));
    return properties;
  }

  @AfterAll
  void stop() {
    fixture.stop();
  }

  @Factory
  @Requires(property = "spec.name", value = "MailIT")
  static class MovableClock {
    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
      return new fr.vigie.testing.SettableClock(NOW);
    }
  }

  @Inject
  @Client("/")
  HttpClient client;

  @Inject JsonMapper json;
  @Inject UserService users;
  @Inject Database database;
  @Inject MailboxPoller poller;
  @Inject MailIntake intake;
  @Inject MailSettings settings;
  @Inject MailboxStatus status;
  @Inject MeterRegistry meters;
  @Inject OutboxDispatcher dispatcher;
  @Inject Retention retention;

  String analyst;

  @BeforeEach
  void reset() {
    NOW.set(FRIDAY_10);
    if (analyst == null) {
      analyst = Staff.token(users, client, "ANALYST");
    }
  }

  static String id() {
    return "<" + UUID.randomUUID() + "@mairie-test.example>";
  }

  static String victim() {
    return "secretariat-" + UUID.randomUUID().toString().substring(0, 8) + "@mairie-test.example";
  }

  void poll() throws Exception {
    poller.poll();
  }

  String outcome(String messageId) {
    return string(database, "SELECT outcome FROM mail_message WHERE message_id = ?", messageId);
  }

  String referenceOf(String messageId) {
    return string(
        database,
        "SELECT t.reference FROM mail_message m JOIN ticket t ON t.id = m.ticket_id"
            + " WHERE m.message_id = ?",
        messageId);
  }

  Http.Answer get(String path) {
    return new Http(client, json).send(HttpRequest.GET(path).bearerAuth(analyst));
  }

  List<Map<String, Object>> timeline(String reference) {
    return TicketCalls.items(get("/api/v1/tickets/" + reference + "/timeline"));
  }

  List<String> types(String reference) {
    return timeline(reference).stream().map(e -> (String) e.get("type")).toList();
  }

  /** A ticket opened by e-mail from {@code from}; returns its reference. */
  String reportByEmail(String messageId, String from) throws Exception {
    fixture.sendRaw(
        email(
            messageId,
            "Mairie de Locmaria <" + from + ">",
            "=?UTF-8?Q?Ran=C3=A7ongiciel_sur_nos_postes?=",
            "Bonjour,\ntous nos postes affichent une demande de rançon depuis ce matin.\n"));
    poll();
    assertThat(outcome(messageId)).isEqualTo("NEW_TICKET");
    return referenceOf(messageId);
  }

  @Test
  void aNewEmailOpensATicketThatNeedsQualification() throws Exception {
    String from = victim();
    String messageId = id();
    String reference = reportByEmail(messageId, from);

    Http.Answer ticket = get("/api/v1/tickets/" + reference);
    assertThat(ticket.status()).isEqualTo(200);
    assertThat(ticket.json()).containsEntry("status", "NEW");
    @SuppressWarnings("unchecked")
    Map<String, Object> contact = (Map<String, Object>) ticket.json().get("contact");
    assertThat(contact).containsEntry("email", from).containsEntry("name", "Mairie de Locmaria");
    assertThat(
            string(
                database,
                "SELECT r.channel FROM report r JOIN ticket t ON t.report_id = r.id"
                    + " WHERE t.reference = ?",
                reference))
        .isEqualTo("EMAIL");
    assertThat(
            string(
                database,
                "SELECT d.description FROM incident_detail d JOIN ticket t ON t.id = d.ticket_id"
                    + " WHERE t.reference = ?",
                reference))
        .startsWith("Objet : Rançongiciel sur nos postes")
        .contains("demande de rançon depuis ce matin");
    List<Map<String, Object>> events = timeline(reference);
    Map<String, Object> todo =
        events.stream().filter(e -> "QUALIFICATION_NEEDED".equals(e.get("type"))).findFirst().get();
    assertThat(todo.get("details").toString()).contains("victim.type", "incident.threat");
    // The sender gets the usual receipt, in the thread Vigie starts.
    dispatcher.dispatch();
    List<MimeMessage> box = fixture.inbox(from);
    assertThat(box).hasSize(1);
    assertThat(box.get(0).getSubject()).contains(reference);
    assertThat(box.get(0).getHeader("Auto-Submitted")).containsExactly("auto-generated");
  }

  @Test
  void theContactsReplyThreadsIntoItsTicket() throws Exception {
    String from = victim();
    String reference = reportByEmail(id(), from);
    dispatcher.dispatch();
    MimeMessage receipt = fixture.inbox(from).get(0);

    // A reply by In-Reply-To only: the subject names nothing.
    String reply = id();
    fixture.sendRaw(
        email(
            reply,
            from.toUpperCase(),
            "Re: notre souci",
            "Les sauvegardes sont intactes.",
            "In-Reply-To: " + receipt.getMessageID(),
            "References: " + receipt.getMessageID()));
    // A reply by the reference in the subject only.
    String second = id();
    fixture.sendRaw(email(second, from, "Complément [" + reference + "]", "Et le NAS aussi."));
    poll();

    assertThat(outcome(reply)).isEqualTo("REPLY");
    assertThat(referenceOf(reply)).isEqualTo(reference);
    assertThat(outcome(second)).isEqualTo("REPLY");
    List<String> texts =
        timeline(reference).stream()
            .filter(e -> "MESSAGE_FROM_VICTIM".equals(e.get("type")))
            .map(e -> ((Map<?, ?>) e.get("details")).get("text").toString())
            .toList();
    assertThat(texts).containsExactly("Les sauvegardes sont intactes.", "Et le NAS aussi.");
    // The analysts hear of it, as of any victim message.
    assertThat(
            count(
                database,
                "SELECT count(*) FROM outbox o JOIN ticket t ON t.id = o.ticket_id"
                    + " WHERE t.reference = ? AND o.topic = 'VICTIM_MESSAGE_RECEIVED'",
                reference))
        .isEqualTo(2);
  }

  @Test
  void theSameReplyFromAnotherAddressWaitsForReview() throws Exception {
    String reference = reportByEmail(id(), victim());
    String intruder = id();
    fixture.sendRaw(
        email(
            intruder,
            "Quelqu'un <autre@ailleurs.example>",
            "Re: [" + reference + "] changement de RIB",
            "Merci de noter notre nouveau RIB."));
    poll();

    assertThat(outcome(intruder)).isEqualTo("REVIEW");
    assertThat(types(reference)).doesNotContain("MESSAGE_FROM_VICTIM");
    Http.Answer reviews = get("/api/v1/mail/reviews?size=200");
    assertThat(reviews.status()).isEqualTo(200);
    Map<String, Object> item =
        TicketCalls.items(reviews).stream()
            .filter(r -> reference.equals(r.get("reference")))
            .findFirst()
            .orElseThrow();
    assertThat(item)
        .containsEntry("reason", "SENDER_NOT_CONTACT")
        .containsEntry("sender", "autre@ailleurs.example")
        .containsEntry("text", "Merci de noter notre nouveau RIB.")
        .containsEntry("decision", null);

    // The analyst checks by phone that it is the victim's accountant, and joins it to the ticket.
    long id = ((Number) item.get("id")).longValue();
    Http http = new Http(client, json);
    Http.Answer accepted =
        http.send(
            TicketCalls.postJson("/api/v1/mail/reviews/" + id + "/accept", Map.of())
                .bearerAuth(analyst));
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.json()).containsEntry("reference", reference);
    Map<String, Object> message =
        timeline(reference).stream()
            .filter(e -> "MESSAGE_FROM_VICTIM".equals(e.get("type")))
            .findFirst()
            .orElseThrow();
    assertThat(message.get("details").toString())
        .contains("[Courriel de autre@ailleurs.example")
        .contains("Merci de noter notre nouveau RIB.");
    // Decided once: a second decision is refused and adds nothing.
    assertThat(
            http.send(
                    TicketCalls.postJson("/api/v1/mail/reviews/" + id + "/accept", Map.of())
                        .bearerAuth(analyst))
                .status())
        .isEqualTo(409);
    assertThat(
            http.send(
                    TicketCalls.postJson(
                            "/api/v1/mail/reviews/" + id + "/dismiss", Map.of("reason", "doublon"))
                        .bearerAuth(analyst))
                .status())
        .isEqualTo(409);
    assertThat(types(reference).stream().filter("MESSAGE_FROM_VICTIM"::equals)).hasSize(1);
    // Hostile: an unknown review, a reason too short, an unknown field, a number that is not one.
    assertThat(
            http.send(
                    TicketCalls.postJson(
                            "/api/v1/mail/reviews/999999999/dismiss", Map.of("reason", "spam"))
                        .bearerAuth(analyst))
                .status())
        .isEqualTo(404);
    assertThat(
            http.send(
                    TicketCalls.postJson("/api/v1/mail/reviews/abc%27--/accept", Map.of())
                        .bearerAuth(analyst))
                .status())
        .isEqualTo(404);
    String other = reportByEmail(id(), victim());
    String second = id();
    fixture.sendRaw(
        email(second, "Spam <pub@ailleurs.example>", "Re: [" + other + "] promo", "Achetez."));
    poll();
    long spam =
        TicketCalls.items(get("/api/v1/mail/reviews?size=200")).stream()
            .filter(r -> other.equals(r.get("reference")))
            .map(r -> ((Number) r.get("id")).longValue())
            .findFirst()
            .orElseThrow();
    Http.Answer tooShort =
        http.send(
            TicketCalls.postJson("/api/v1/mail/reviews/" + spam + "/dismiss", Map.of("reason", "x"))
                .bearerAuth(analyst));
    assertThat(tooShort.status()).isEqualTo(422);
    assertThat(tooShort.body()).contains("reason");
    assertThat(
            http.send(
                    TicketCalls.postJson(
                            "/api/v1/mail/reviews/" + spam + "/dismiss",
                            Map.of("reason", "publicité", "extra", true))
                        .bearerAuth(analyst))
                .status())
        .isEqualTo(400);
    Http.Answer dismissed =
        http.send(
            TicketCalls.postJson(
                    "/api/v1/mail/reviews/" + spam + "/dismiss",
                    Map.of("reason", "Publicité sans rapport avec l'incident."))
                .bearerAuth(analyst));
    assertThat(dismissed.status()).isEqualTo(200);
    assertThat(dismissed.json()).containsEntry("decision", "DISMISSED");
    assertThat(types(other)).doesNotContain("MESSAGE_FROM_VICTIM");
  }

  @Test
  void anEmailTooLargeToReadIsStoredFromItsHeadersWithANote() throws Exception {
    String from = victim();
    String messageId = id();
    // About 360 kB of firewall log pasted in the mail: above the 200 kB this test reads whole.
    fixture.sendRaw(
        email(
            messageId,
            "Mairie de Locmaria <" + from + ">",
            "Journaux du pare-feu",
            "Bonjour, voici nos journaux.\n"
                + "Ligne de journal du pare-feu 0123456789.\n".repeat(9_000)));
    poll();
    assertThat(outcome(messageId)).isEqualTo("NEW_TICKET");
    String reference = referenceOf(messageId);
    Http.Answer ticket = get("/api/v1/tickets/" + reference);
    @SuppressWarnings("unchecked")
    Map<String, Object> contact = (Map<String, Object>) ticket.json().get("contact");
    assertThat(contact).containsEntry("email", from);
    assertThat(
            string(
                database,
                "SELECT d.description FROM incident_detail d JOIN ticket t ON t.id = d.ticket_id"
                    + " WHERE t.reference = ?",
                reference))
        .startsWith("Objet : Journaux du pare-feu")
        .contains("ni son texte ni ses pièces jointes n'ont été lus")
        .doesNotContain("Ligne de journal");
    assertThat(
            timeline(reference).stream()
                .filter(e -> "MAIL_READ_WITH_PROBLEMS".equals(e.get("type")))
                .map(e -> e.get("details").toString())
                .toList())
        .singleElement()
        .asString()
        .contains("au-delà de la limite de 0,2 Mo");
    // Flagged in the mailbox like any other: the next pass does not read it again.
    poll();
    assertThat(count(database, "SELECT count(*) FROM mail_message WHERE message_id = ?", messageId))
        .isEqualTo(1);
    assertThat(meters.counter("vigie_mail_oversized_total").count()).isPositive();
  }

  @Test
  void autoRepliesBouncesAndLoopsAreIgnored() throws Exception {
    String from = victim();
    String reference = reportByEmail(id(), from);
    long tickets = count(database, "SELECT count(*) FROM ticket");
    String vacation = id();
    fixture.sendRaw(
        email(
            vacation,
            from,
            "Absence du bureau : [" + reference + "]",
            "Je suis absente jusqu'au 30 novembre.",
            "Auto-Submitted: auto-replied"));
    String bounce = id();
    fixture.sendRaw(
        "Message-ID: "
            + bounce
            + "\nFrom: Mail Delivery System <MAILER-DAEMON@mx.mairie-test.example>\nTo: "
            + DESK
            + "\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n"
            + "--b1\nContent-Type: text/plain\n\nThe mail system could not deliver your message.\n"
            + "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\n"
            + "Final-Recipient: rfc822; "
            + from
            + "\nAction: failed\nStatus: 5.1.1\n--b1--\n");
    String list = id();
    fixture.sendRaw(
        email(list, "lettre@cyber.example", "Lettre d'information", "Bonjour", "Precedence: bulk"));
    String loop = id();
    fixture.sendRaw(email(loop, DESK, "[Vigie] message", "boucle"));
    poll();

    assertThat(List.of(outcome(vacation), outcome(bounce), outcome(list), outcome(loop)))
        .containsOnly("IGNORED");
    assertThat(string(database, "SELECT reason FROM mail_message WHERE message_id = ?", vacation))
        .isEqualTo("AUTO_SUBMITTED");
    assertThat(string(database, "SELECT reason FROM mail_message WHERE message_id = ?", bounce))
        .isEqualTo("DELIVERY_REPORT");
    assertThat(count(database, "SELECT count(*) FROM ticket")).isEqualTo(tickets);
    assertThat(types(reference)).doesNotContain("MESSAGE_FROM_VICTIM");
  }

  @Test
  void anEmailReadTwiceIsStoredOnce() throws Exception {
    // A crash between the commit and the flag: the e-mail was stored, the mailbox not told.
    String crashed = id();
    String raw = email(crashed, victim(), "Hameçonnage", "Un faux mail de la banque.");
    fixture.sendRaw(raw);
    assertThat(
            intake
                .process(
                    raw.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .outcome())
        .isEqualTo(MailIntake.Outcome.NEW_TICKET);
    poll();
    assertThat(count(database, "SELECT count(*) FROM mail_message WHERE message_id = ?", crashed))
        .isOne();
    assertThat(
            count(
                database,
                "SELECT count(*) FROM ticket t JOIN mail_message m ON m.ticket_id = t.id"
                    + " WHERE m.message_id = ?",
                crashed))
        .isOne();

    // Two instances polling the same mailbox at the same time.
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String messageId = id();
      ids.add(messageId);
      fixture.sendRaw(email(messageId, victim(), "Signalement " + i, "Texte " + i));
    }
    MailboxPoller other = new MailboxPoller(settings, intake, status, Clock.systemUTC(), meters);
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> both =
          List.of(
              () -> {
                start.await();
                return poller.poll();
              },
              () -> {
                start.await();
                return other.poll();
              });
      for (Future<Integer> f : pool.invokeAll(both)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    poll(); // whatever one instance had not flagged yet
    for (String messageId : ids) {
      assertThat(outcome(messageId)).as(messageId).isEqualTo("NEW_TICKET");
    }
    assertThat(
            count(
                database,
                "SELECT count(DISTINCT ticket_id) FROM mail_message WHERE message_id = ANY (string_to_array(?, ' '))",
                String.join(" ", ids)))
        .isEqualTo(6);
    assertThat(
            count(
                database,
                "SELECT count(*) FROM ticket WHERE id IN (SELECT ticket_id FROM mail_message"
                    + " WHERE message_id = ANY (string_to_array(?, ' ')))",
                String.join(" ", ids)))
        .isEqualTo(6);
  }

  static String attachment(String type, String name, String base64) {
    return "--mix\nContent-Type: "
        + type
        + "; name=\""
        + name
        + "\"\nContent-Disposition: attachment; filename=\""
        + name
        + "\"\nContent-Transfer-Encoding: base64\n\n"
        + base64
        + "\n";
  }

  @Test
  void attachmentsAreCheckedKeptAndDownloadedByStaffOnly() throws Exception {
    String messageId = id();
    String exe = Base64.getEncoder().encodeToString("MZ\u0090\u0000 not a photo".getBytes());
    String big = Base64.getMimeEncoder().encodeToString(new byte[3000]);
    fixture.sendRaw(
        "Message-ID: "
            + messageId
            + "\nFrom: "
            + victim()
            + "\nTo: "
            + DESK
            + "\nSubject: La photo de la demande de rançon\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
            + "--mix\nContent-Type: text/plain; charset=UTF-8\n\nVoici la photo de l'écran.\n"
            + attachment("image/png", "ecran.png", PNG)
            + attachment("image/png", "facture.png", exe)
            + attachment("application/pdf", "gros.pdf", big)
            + "--mix--\n");
    poll();
    String reference = referenceOf(messageId);
    assertThat(reference).isNotNull();

    List<String> notes =
        timeline(reference).stream()
            .filter(e -> "ATTACHMENT_REFUSED".equals(e.get("type")))
            .map(e -> ((Map<?, ?>) e.get("details")).get("note").toString())
            .toList();
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0)).contains("facture.png", "programme exécutable");
    assertThat(notes.get(1)).contains("gros.pdf", "taille supérieure à la limite de 2000 octets");

    Http.Answer list = get("/api/v1/tickets/" + reference + "/attachments");
    assertThat(list.status()).isEqualTo(200);
    List<Object> files =
        json.readValue(list.body(), io.micronaut.core.type.Argument.listOf(Object.class));
    assertThat(files).hasSize(1);
    Map<?, ?> file = (Map<?, ?>) files.get(0);
    assertThat(file.get("filename")).isEqualTo("ecran.png");
    assertThat(file.get("contentType")).isEqualTo("image/png");

    var download =
        client
            .toBlocking()
            .exchange(
                HttpRequest.GET("/api/v1/tickets/" + reference + "/attachments/" + file.get("id"))
                    .bearerAuth(analyst),
                byte[].class);
    assertThat(download.body()).isEqualTo(Base64.getDecoder().decode(PNG));
    assertThat(download.getHeaders().get("Content-Type")).startsWith("application/octet-stream");
    assertThat(download.getHeaders().get("Content-Disposition"))
        .startsWith("attachment; filename=\"ecran.png\"");
    assertThat(download.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(
            count(
                database,
                "SELECT count(*) FROM audit_event WHERE action = 'ATTACHMENT_DOWNLOADED'"
                    + " AND target = ?",
                "ticket:" + reference))
        .isOne();
    // Hostile parameters: a problem document naming the field, or the same 404 as a miss.
    Http.Answer badSize = get("/api/v1/mail/reviews?size=0");
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.contentType()).startsWith("application/problem+json");
    assertThat(badSize.errorFields()).containsExactly("size");
    for (String path :
        List.of(
            "/api/v1/tickets/" + reference + "/attachments/abc",
            "/api/v1/tickets/" + reference + "/attachments/99999999999999999999",
            "/api/v1/tickets/BZH-2000-999999/attachments/" + file.get("id"),
            "/api/v1/tickets/'%20OR%201=1/attachments")) {
      Http.Answer miss = get(path);
      assertThat(miss.status()).as(path).isEqualTo(404);
      assertThat(miss.contentType()).as(path).startsWith("application/problem+json");
    }
    String official = Staff.token(users, client, "OFFICIAL");
    assertThat(
            new Http(client, json)
                .send(
                    HttpRequest.GET(
                            "/api/v1/tickets/" + reference + "/attachments/" + file.get("id"))
                        .bearerAuth(official))
                .status())
        .isEqualTo(403);
  }

  @Test
  void theAnalystsAnswerReachesTheVictimWithThreadingHeaders() throws Exception {
    String from = victim();
    Http http = new Http(client, json);
    Http.Answer receipt =
        http.send(
            HttpRequest.POST(
                "/api/v1/reports",
                ReportJson.company()
                    .set("contact.email", from)
                    .set("incident.discoveredAt", "2026-11-20T08:00:00+01:00")
                    // the fixture dates its transfer from the wall clock; this test's is earlier
                    .set("incident.fundsTransferred", null)
                    .body()));
    assertThat(receipt.status()).as(receipt.body()).isEqualTo(201);
    String reference = (String) receipt.json().get("reference");
    String token = (String) receipt.json().get("followUpToken");
    dispatcher.dispatch();
    MimeMessage first = fixture.inbox(from).get(0);
    // The victim answers the receipt by e-mail; the analyst answers that.
    String reply = id();
    fixture.sendRaw(
        email(
            reply,
            from,
            "Re: " + first.getSubject(),
            "Nous avons débranché le serveur.",
            "In-Reply-To: " + first.getMessageID()));
    poll();
    assertThat(outcome(reply)).isEqualTo("REPLY");

    Http.Answer sent =
        http.send(
            TicketCalls.postJson(
                    "/api/v1/tickets/" + reference + "/messages",
                    Map.of("text", "Merci. Ne rebranchez rien avant notre appel de 14 h."))
                .bearerAuth(analyst));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    dispatcher.dispatch();

    List<MimeMessage> box = fixture.inbox(from);
    assertThat(box).hasSize(2);
    MimeMessage answer = box.get(1);
    assertThat(answer.getSubject()).startsWith("[" + reference + "]");
    assertThat(answer.getHeader("In-Reply-To")).containsExactly(reply);
    assertThat(answer.getHeader("References")[0]).contains(first.getMessageID(), reply);
    assertThat(answer.getHeader("Auto-Submitted")).isNull();
    assertThat(answer.getMessageID())
        .isEqualTo(
            string(
                database,
                "SELECT o.message_id FROM outbox o JOIN ticket t ON t.id = o.ticket_id"
                    + " WHERE t.reference = ? AND o.topic = 'VICTIM_MESSAGE'",
                reference));
    String body = answer.getContent().toString();
    assertThat(body)
        .contains("Ne rebranchez rien avant notre appel de 14 h.")
        .doesNotContain(token);
  }

  /** The mailbox's settings over IMAPS (TLS from the first byte), trusting {@code sslTrust}. */
  MailSettings imaps(String sslTrust) {
    return new MailSettings(
        "127.0.0.1",
        fixture.imapsPort(),
        DESK,
        DESK_PASSWORD,
        "INBOX",
        "IMAPS",
        sslTrust,
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        Duration.ofSeconds(5),
        2000,
        10_000,
        5,
        1_000_000);
  }

  @Test
  void theMailboxIsReadOverImapsAndAnUntrustedCertificateIsRefused() throws Exception {
    String messageId = id();
    fixture.sendRaw(
        email(messageId, "Mairie de Locmaria <" + victim() + ">", "Par TLS", "Bonjour.\n"));
    // GreenMail's certificate is its own: the JVM's trust store refuses it, nothing is read.
    MailboxPoller untrusted =
        new MailboxPoller(imaps(null), intake, status, Clock.systemUTC(), meters);
    org.assertj.core.api.Assertions.assertThatThrownBy(untrusted::poll)
        .isInstanceOf(jakarta.mail.MessagingException.class)
        .hasStackTraceContaining("PKIX path building failed");
    assertThat(count(database, "SELECT count(*) FROM mail_message WHERE message_id = ?", messageId))
        .isZero();
    // Trusted for this host (VIGIE_MAIL_IMAP_SSL_TRUST), the same mailbox reads over TLS.
    MailboxPoller trusted =
        new MailboxPoller(imaps("127.0.0.1"), intake, status, Clock.systemUTC(), meters);
    trusted.poll();
    assertThat(outcome(messageId)).isEqualTo("NEW_TICKET");
  }

  @Test
  void aMailboxOutageIsRetriedWithBackoffAndShown() throws Exception {
    MailSettings dead =
        new MailSettings(
            "127.0.0.1",
            MailFixture.freePort(),
            DESK,
            DESK_PASSWORD,
            "INBOX",
            "NONE",
            null,
            Duration.ofSeconds(30),
            Duration.ofMinutes(15),
            Duration.ofSeconds(2),
            2000,
            10_000,
            5,
            1_000_000);
    MailboxPoller down = new MailboxPoller(dead, intake, status, Clock.systemUTC(), meters);
    for (int i = 0; i < 2; i++) {
      try {
        down.poll();
      } catch (Exception expected) {
        // the outage
      }
    }
    assertThat(status.failures()).isEqualTo(2);
    assertThat(dead.backoff(2)).isEqualTo(Duration.ofMinutes(2));
    Http.Answer health = new Http(client, json).send(HttpRequest.GET("/health"));
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json()).containsEntry("status", "DEGRADED");
    // Metrics are for administrators (or the scrape credential) since issue 16.
    String admin = Staff.token(users, client, "ADMIN");
    String metrics =
        new Http(client, json).send(HttpRequest.GET("/metrics").bearerAuth(admin)).body();
    assertThat(metrics).contains("vigie_mailbox_up 0.0").contains("vigie_mailbox_failures_total");

    poll(); // the real mailbox answers again
    assertThat(new Http(client, json).send(HttpRequest.GET("/health")).json())
        .containsEntry("status", "UP");
    assertThat(new Http(client, json).send(HttpRequest.GET("/metrics").bearerAuth(admin)).body())
        .contains("vigie_mailbox_up 1.0");
  }

  @Test
  void retentionPurgesAttachmentsAndEmailBodies() throws Exception {
    // In 2001, as RetentionIT: only this ticket ends that early.
    Instant start = Instant.parse("2001-03-05T09:00:00Z");
    NOW.set(start);
    String from = victim();
    String messageId = id();
    fixture.sendRaw(
        "Message-ID: "
            + messageId
            + "\nFrom: "
            + from
            + "\nTo: "
            + DESK
            + "\nSubject: Photo secrète\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
            + "--mix\nContent-Type: text/plain; charset=UTF-8\n\nTexte confidentiel.\n"
            + attachment("image/png", "ecran.png", PNG)
            + "--mix--\n");
    poll();
    // Tokens carry times from the injected clock: one issued in 2026 is not valid yet in 2001.
    String analyst = Staff.token(users, client, "ANALYST");
    String reference = referenceOf(messageId);
    fixture.sendRaw(
        email(id(), "autre@ailleurs.example", "[" + reference + "]", "Texte d'un tiers."));
    poll();
    Http http = new Http(client, json);
    for (String to : List.of("QUALIFIED", "IN_PROGRESS", "RESOLVED")) {
      assertThat(
              http.send(
                      TicketCalls.postJson(
                              "/api/v1/tickets/" + reference + "/transitions", Map.of("to", to))
                          .bearerAuth(analyst))
                  .status())
          .isEqualTo(200);
    }
    assertThat(
            http.send(
                    TicketCalls.postJson(
                            "/api/v1/tickets/" + reference + "/transitions",
                            Map.of("to", "CLOSED", "outcome", "ADVICE_ONLY", "prevented", false))
                        .bearerAuth(analyst))
                .status())
        .isEqualTo(200);
    String ticketId =
        string(database, "SELECT id::text FROM ticket WHERE reference = ?", reference);
    long id = Long.parseLong(ticketId);
    assertThat(count(database, "SELECT count(*) FROM mail_attachment WHERE ticket_id = ?", id))
        .isOne();

    NOW.set(start.plus(Duration.ofDays(600)));
    assertThat(retention.purge()).isGreaterThanOrEqualTo(1);

    assertThat(count(database, "SELECT count(*) FROM mail_attachment WHERE ticket_id = ?", id))
        .isZero();
    assertThat(
            count(
                database,
                "SELECT count(*) FROM mail_message WHERE ticket_id = ?"
                    + " AND (sender IS NOT NULL OR subject IS NOT NULL)",
                id))
        .isZero();
    assertThat(
            count(
                database,
                "SELECT count(*) FROM mail_review WHERE ticket_id = ?"
                    + " AND (sender IS NOT NULL OR subject IS NOT NULL OR body IS NOT NULL)",
                id))
        .isZero();
    assertThat(
            string(
                database, "SELECT d.description FROM incident_detail d WHERE d.ticket_id = ?", id))
        .isNull();
    assertThat(
            count(
                database,
                "SELECT count(*) FROM ticket_event WHERE ticket_id = ?"
                    + " AND (details::text LIKE '%ecran.png%' OR details::text LIKE '%Texte%')",
                id))
        .isZero();
  }
}
