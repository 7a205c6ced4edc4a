package fr.vigie.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MailParserTest {

  static final MailParser.Limits LIMITS = new MailParser.Limits(1000, 1500, 3);
  static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  static ParsedMail parse(String raw) {
    return MailParser.parse(
        raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), "desk@vigie.example", LIMITS);
  }

  @Test
  void aPhotoMustLookLikeOne() {
    assertThat(AttachmentTypes.check("image/png", PNG).type()).isEqualTo("image/png");
    assertThat(AttachmentTypes.check("image/jpeg", PNG).refusal()).contains("contenu différent");
    assertThat(AttachmentTypes.check("application/octet-stream", PNG).type())
        .isEqualTo("image/png");
    assertThat(AttachmentTypes.check("application/pdf", "MZ\0\0".getBytes()).refusal())
        .contains("exécutable");
    assertThat(AttachmentTypes.check("text/plain", new byte[] {'a', 0, 'b'}).refusal())
        .contains("binaire");
    assertThat(AttachmentTypes.check("application/x-msdownload", PNG).refusal())
        .contains("non accepté");
    assertThat(AttachmentTypes.check("text/plain; charset=utf-8", "bonjour".getBytes()).type())
        .isEqualTo("text/plain");
  }

  @Test
  void automaticEmailsAreRecognised() {
    String base = "Message-ID: <a@b>\nFrom: x@y.example\nSubject: s\n";
    assertThat(parse(base + "Auto-Submitted: auto-replied\n\nt").ignoredBecause())
        .isEqualTo("AUTO_SUBMITTED");
    assertThat(parse(base + "Auto-Submitted: no\n\nt").ignoredBecause()).isNull();
    assertThat(parse(base + "Precedence: junk\n\nt").ignoredBecause()).isEqualTo("PRECEDENCE");
    assertThat(parse(base + "Return-Path: <>\n\nt").ignoredBecause()).isEqualTo("BOUNCE");
    assertThat(parse(base + "X-Autoreply: yes\n\nt").ignoredBecause()).isEqualTo("AUTO_REPLY");
    assertThat(
            parse(
                    base
                        + "Content-Type: multipart/report; report-type=disposition-notification;"
                        + " boundary=z\n\n--z\n\nlu\n--z--\n")
                .ignoredBecause())
        .isEqualTo("DELIVERY_REPORT");
    assertThat(parse("From: Desk@Vigie.example\nSubject: s\n\nt").ignoredBecause())
        .isEqualTo("LOOP");
  }

  @Test
  void threadIdsComeFromInReplyToThenReferences() {
    ParsedMail m =
        parse(
            "Message-ID: <m@x>\nFrom: a@b.example\nIn-Reply-To: <r@vigie>\n"
                + "References: <root@vigie> <r@vigie> pas-un-id\n\nt");
    assertThat(m.messageId()).isEqualTo("<m@x>");
    assertThat(m.threadIds()).containsExactly("<r@vigie>", "<root@vigie>");
  }

  @Test
  void htmlIsReducedToItsWords() {
    assertThat(
            MailParser.htmlToText(
                    "<script>alert(1)</script><p>Bonjour&nbsp;<b>vous</b></p><style>x</style>"
                        + "<a href='javascript:x'>lien</a>&lt;b&gt;<script>sans fin")
                .strip())
        .isEqualTo("Bonjour vous\nlien<b>");
  }

  @Test
  void limitsOfCountSizeAndTotalRefuseFiles() {
    String png = Base64.getEncoder().encodeToString(PNG);
    StringBuilder raw =
        new StringBuilder(
            "From: a@b.example\nContent-Type: multipart/mixed; boundary=m\n\n--m\n"
                + "Content-Type: text/plain\n\nTexte\n");
    for (int i = 0; i < 4; i++) {
      raw.append("--m\nContent-Type: image/png; name=p")
          .append(i)
          .append(".png\nContent-Transfer-Encoding: base64\n\n")
          .append(png)
          .append('\n');
    }
    raw.append("--m\nContent-Type: application/pdf; name=big.pdf\n\n")
        .append("%PDF-".repeat(300))
        .append("\n--m--\n");
    ParsedMail m = parse(raw.toString());
    assertThat(m.text()).isEqualTo("Texte");
    assertThat(m.attachments()).hasSize(5);
    assertThat(m.attachments().subList(0, 3)).allMatch(a -> a.content() != null);
    assertThat(m.attachments().get(3).refusal()).contains("plus de 3 pièces jointes");
    assertThat(m.attachments().get(4).refusal()).contains("plus de 3 pièces jointes");
  }
}
