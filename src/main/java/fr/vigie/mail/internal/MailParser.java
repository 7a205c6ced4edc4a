package fr.vigie.mail.internal;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an e-mail from the internet without trusting it: every header may be missing, repeated,
 * huge or encoded to hide something; the MIME structure may be broken or nested without end. What
 * comes out is bounded plain text with no control characters (and no bidirectional overrides in
 * names), an HTML body reduced to its text (scripts dropped, never rendered), and attachments
 * checked by {@link AttachmentTypes} within the size limits. Pure code.
 */
public final class MailParser {

  /** Bounds of what one e-mail may bring. */
  public record Limits(long maxAttachment, long maxTotal, int maxCount) {}

  static final int MAX_TEXT = 10_000;
  static final int MAX_SUBJECT = 1_000;
  static final int MAX_NAME = 200;
  static final int MAX_DEPTH = 10;
  static final int MAX_PARTS = 100;
  static final int MAX_THREAD_IDS = 50;
  private static final int MAX_TEXT_BYTES = 1 << 20;
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,900}>");
  private static final Session SESSION = session();

  private MailParser() {}

  private static Session session() {
    Properties p = new Properties();
    p.setProperty("mail.mime.address.strict", "false");
    p.setProperty("mail.mime.parameters.strict", "false");
    return Session.getInstance(p);
  }

  public static ParsedMail parse(byte[] raw, String ownAddress, Limits limits) {
    List<String> problems = new ArrayList<>();
    MimeMessage message;
    try {
      message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    } catch (MessagingException e) {
      problems.add("en-têtes illisibles");
      return new ParsedMail(
          null,
          null,
          null,
          "",
          clean(new String(raw, StandardCharsets.UTF_8), MAX_TEXT, true),
          List.of(),
          null,
          List.of(),
          problems);
    }
    String messageId = firstId(header(message, "Message-ID"));
    InternetAddress from = sender(message);
    String address = from == null ? null : from.getAddress().strip().toLowerCase(Locale.ROOT);
    String name = from == null || from.getPersonal() == null ? null : names(from.getPersonal());
    String subject = subject(message);
    List<String> thread = new ArrayList<>();
    ids(header(message, "In-Reply-To"), thread);
    ids(header(message, "References"), thread);
    Walk walk = new Walk(limits, problems);
    try {
      walk.part(message, 0);
    } catch (MessagingException | IOException | RuntimeException e) {
      problems.add("structure MIME mal formée : texte brut conservé");
      walk.plain.setLength(0);
      walk.plain.append(rawBody(raw));
    }
    String text =
        walk.plain.length() > 0 ? walk.plain.toString() : htmlToText(walk.html.toString());
    return new ParsedMail(
        messageId,
        address,
        name,
        subject,
        clean(text.strip(), MAX_TEXT, true),
        List.copyOf(thread.subList(0, Math.min(thread.size(), MAX_THREAD_IDS))),
        automatic(message, address, ownAddress),
        List.copyOf(walk.attachments),
        List.copyOf(problems));
  }

  /**
   * Why this e-mail was written by a program and must never become a ticket or an answer: RFC 3834
   * {@code Auto-Submitted}, {@code Precedence}, vacation-responder headers, RFC 3464/8098 reports
   * (bounces, read receipts), the null sender of bounces, mailing lists, and our own e-mails coming
   * back (a loop). Null for a person's e-mail.
   */
  static String automatic(MimeMessage m, String sender, String own) {
    String auto = header(m, "Auto-Submitted");
    if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return "AUTO_SUBMITTED";
    }
    String precedence = header(m, "Precedence");
    if (precedence != null
        && precedence.strip().toLowerCase(Locale.ROOT).matches("(bulk|junk|list|auto_reply).*")) {
      return "PRECEDENCE";
    }
    for (String h : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder")) {
      if (header(m, h) != null) {
        return "AUTO_REPLY";
      }
    }
    String type = header(m, "Content-Type");
    if (type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
      return "DELIVERY_REPORT";
    }
    String returnPath = header(m, "Return-Path");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      return "BOUNCE";
    }
    if (sender != null && sender.matches("(mailer-daemon|postmaster)@.*")) {
      return "BOUNCE";
    }
    String loop = header(m, "X-Loop");
    if (own != null
        && (own.equalsIgnoreCase(sender)
            || (loop != null
                && loop.toLowerCase(Locale.ROOT).contains(own.toLowerCase(Locale.ROOT))))) {
      return "LOOP";
    }
    if (header(m, "List-Id") != null || header(m, "List-Unsubscribe") != null) {
      return "MAILING_LIST";
    }
    return null;
  }

  /** The nested parts: text bodies gathered, files checked, bounded in depth and number. */
  private static final class Walk {
    final Limits limits;
    final List<String> problems;
    final StringBuilder plain = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    final List<ParsedMail.Attachment> attachments = new ArrayList<>();
    long total;
    int parts;

    Walk(Limits limits, List<String> problems) {
      this.limits = limits;
      this.problems = problems;
    }

    void part(Part p, int depth) throws MessagingException, IOException {
      if (depth > MAX_DEPTH || ++parts > MAX_PARTS) {
        if (!problems.contains("trop de parties imbriquées : le reste est ignoré")) {
          problems.add("trop de parties imbriquées : le reste est ignoré");
        }
        return;
      }
      String type = baseType(p);
      if (type.startsWith("multipart/")) {
        Object content = p.getContent();
        if (!(content instanceof Multipart multipart)) {
          throw new MessagingException("multipart without parts");
        }
        for (int i = 0; i < Math.min(multipart.getCount(), MAX_PARTS); i++) {
          BodyPart child = multipart.getBodyPart(i);
          part(child, depth + 1);
        }
        return;
      }
      String filename = filename(p);
      String disposition = disposition(p);
      boolean body =
          filename == null
              && !"attachment".equals(disposition)
              && (type.equals("text/plain") || type.equals("text/html"));
      if (body) {
        StringBuilder into = type.equals("text/plain") ? plain : html;
        if (into.length() < MAX_TEXT_BYTES) {
          into.append(into.length() > 0 ? "\n\n" : "").append(text(p));
        }
        return;
      }
      attachment(p, filename, type);
    }

    void attachment(Part p, String filename, String type) throws MessagingException, IOException {
      String name = filename == null ? "piece-jointe" : filename;
      if (attachments.size() >= limits.maxCount()) {
        attachments.add(
            new ParsedMail.Attachment(
                name,
                type,
                null,
                0,
                null,
                "plus de " + limits.maxCount() + " pièces jointes dans le message"));
        return;
      }
      byte[] content;
      long size;
      try (InputStream in = p.getInputStream()) {
        content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxAttachment() + 1));
        size = content.length;
        if (size > limits.maxAttachment()) {
          size += in.transferTo(java.io.OutputStream.nullOutputStream());
          attachments.add(
              new ParsedMail.Attachment(
                  name,
                  type,
                  null,
                  size,
                  null,
                  "taille supérieure à la limite de " + limits.maxAttachment() + " octets"));
          return;
        }
      }
      if (total + size > limits.maxTotal()) {
        attachments.add(
            new ParsedMail.Attachment(
                name,
                type,
                null,
                size,
                null,
                "pièces jointes du message au-delà de " + limits.maxTotal() + " octets au total"));
        return;
      }
      AttachmentTypes.Verdict verdict = AttachmentTypes.check(type, content);
      if (verdict.refusal() != null) {
        attachments.add(new ParsedMail.Attachment(name, type, null, size, null, verdict.refusal()));
        return;
      }
      total += size;
      attachments.add(new ParsedMail.Attachment(name, type, verdict.type(), size, content, null));
    }
  }

  private static String baseType(Part p) {
    try {
      String header = p.getContentType();
      if (header == null) {
        return "text/plain";
      }
      return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return "application/octet-stream";
    }
  }

  private static String disposition(Part p) {
    try {
      String d = p.getDisposition();
      return d == null ? null : d.toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return "attachment";
    }
  }

  private static String filename(Part p) {
    String name;
    try {
      name = p.getFileName();
    } catch (MessagingException | RuntimeException e) {
      return "piece-jointe";
    }
    if (name == null) {
      return null;
    }
    name = names(decodeWords(name)).replaceAll("[/\\\\:*?\"<>|]", "_");
    name = name.replaceAll("^[.\\s]+", "");
    return name.isBlank() ? "piece-jointe" : name;
  }

  /** The text of a text part in its declared charset; an unknown charset is read as UTF-8. */
  private static String text(Part p) throws MessagingException, IOException {
    byte[] bytes;
    try (InputStream in = p.getInputStream()) {
      bytes = in.readNBytes(MAX_TEXT_BYTES);
    }
    Charset charset = StandardCharsets.UTF_8;
    try {
      String declared = new ContentType(p.getContentType()).getParameter("charset");
      if (declared != null) {
        charset = Charset.forName(MimeUtility.javaCharset(declared.strip()));
      }
    } catch (MessagingException | RuntimeException e) {
      // an unknown or malformed charset: UTF-8, invalid bytes replaced
    }
    return new String(bytes, charset);
  }

  private static String rawBody(byte[] raw) {
    String all = new String(raw, 0, Math.min(raw.length, MAX_TEXT_BYTES), StandardCharsets.UTF_8);
    int end = all.indexOf("\r\n\r\n");
    int lf = all.indexOf("\n\n");
    int cut = end < 0 ? lf : (lf < 0 ? end : Math.min(end, lf));
    return cut < 0 ? "" : all.substring(cut).strip();
  }

  private static final Pattern DROPPED =
      Pattern.compile(
          "(?is)<(script|style|head|template|noscript)\\b.*?(</\\1\\s*>|\\z)|<!--.*?(-->|\\z)");
  private static final Pattern BREAKS =
      Pattern.compile("(?i)<(br|/p|/div|/li|/tr|/h[1-6])\\b[^>]*>");
  private static final Pattern TAGS = Pattern.compile("<[^>]*>?");
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

  /**
   * The words of an HTML body, never its markup: scripts, styles and comments go, tags go, entities
   * become characters. What remains is stored and shown as text (escaped wherever it is shown).
   */
  static String htmlToText(String html) {
    String s = DROPPED.matcher(html).replaceAll(" ");
    s = BREAKS.matcher(s).replaceAll("\n");
    s = TAGS.matcher(s).replaceAll("");
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
    }
    m.appendTail(out);
    return out.toString()
        .replaceAll("[ \\t\\x0B\\f]+", " ")
        .replaceAll(" ?\n ?", "\n")
        .replaceAll("\n{3,}", "\n\n");
  }

  private static String entity(String e) {
    try {
      if (e.startsWith("#x") || e.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
      }
      if (e.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(e.substring(1))));
      }
    } catch (IllegalArgumentException ex) {
      return "\uFFFD";
    }
    return switch (e) {
      case "lt" -> "<";
      case "gt" -> ">";
      case "amp" -> "&";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> " ";
      default -> "&" + e + ";";
    };
  }

  private static InternetAddress sender(MimeMessage m) {
    String from = header(m, "From");
    if (from == null) {
      return null;
    }
    try {
      InternetAddress[] all = InternetAddress.parseHeader(from, false);
      if (all.length == 0) {
        return null;
      }
      InternetAddress a = all[0];
      String address = a.getAddress();
      if (address == null
          || address.length() > 254
          || !address.matches("[^@\\s<>()\\[\\],;:\"]{1,64}@[^@\\s.<>]+(\\.[^@\\s.<>]+)+")) {
        return null;
      }
      return a;
    } catch (AddressException | RuntimeException e) {
      return null;
    }
  }

  private static String subject(MimeMessage m) {
    String raw = header(m, "Subject");
    if (raw == null) {
      return "";
    }
    String decoded = decodeWords(MimeUtility.unfold(raw));
    return names(
            decoded.length() > 4 * MAX_SUBJECT ? decoded.substring(0, 4 * MAX_SUBJECT) : decoded)
        .transform(s -> clean(s, MAX_SUBJECT, false));
  }

  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?[^?\\s]{1,40}\\?[bBqQ]\\?[^?\\s]*\\?=");

  /**
   * RFC 2047 encoded words decoded one by one: one in an unknown charset stays as written instead
   * of leaving the whole header undecoded; blanks between two encoded words vanish.
   */
  static String decodeWords(String value) {
    if (value.length() > 200_000) {
      value = value.substring(0, 200_000);
    }
    Matcher m = ENCODED_WORD.matcher(value);
    StringBuilder out = new StringBuilder();
    int last = 0;
    boolean previousEncoded = false;
    while (m.find()) {
      String between = value.substring(last, m.start());
      if (!(previousEncoded && between.isBlank())) {
        out.append(between);
      }
      String word;
      try {
        word = MimeUtility.decodeWord(m.group());
      } catch (IOException | jakarta.mail.internet.ParseException | RuntimeException e) {
        word = m.group();
      }
      out.append(word);
      last = m.end();
      previousEncoded = true;
    }
    out.append(value.substring(last));
    return out.toString();
  }

  /** A single-line name: no controls, no bidirectional overrides (« facture‮fdp.exe »). */
  static String names(String value) {
    String s = value.replaceAll("[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]", "");
    return clean(s, MAX_NAME * 5, false).strip();
  }

  /**
   * Bounded text without control characters (PostgreSQL refuses NUL, jsonb lone surrogates):
   * newlines kept when {@code multiline}, every other control becomes a space.
   */
  static String clean(String value, int max, boolean multiline) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), max + 16));
    String s = value.replace("\r\n", "\n").replace('\r', '\n');
    int count = 0;
    for (int i = 0; i < s.length() && count < max; i++) {
      char ch = s.charAt(i);
      if (Character.isHighSurrogate(ch)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(ch).append(s.charAt(++i));
      } else if (Character.isSurrogate(ch)) {
        out.append('\uFFFD');
      } else if (ch == '\n' || ch == '\t') {
        out.append(multiline ? ch : ' ');
      } else if (Character.isISOControl(ch)) {
        out.append(ch == 0 ? "" : " ");
      } else {
        out.append(ch);
      }
      count++;
    }
    return out.toString();
  }

  private static String header(MimeMessage m, String name) {
    try {
      String[] values = m.getHeader(name);
      return values == null || values.length == 0 ? null : values[0];
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static String firstId(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = MESSAGE_ID.matcher(header);
    return m.find() ? m.group() : null;
  }

  private static void ids(String header, List<String> into) {
    if (header == null) {
      return;
    }
    Matcher m =
        MESSAGE_ID.matcher(header.length() > 100_000 ? header.substring(0, 100_000) : header);
    while (m.find() && into.size() < MAX_THREAD_IDS) {
      if (!into.contains(m.group())) {
        into.add(m.group());
      }
    }
  }
}
