package fr.vigie.mail.internal;

import java.util.List;

/**
 * An e-mail as Vigie reads it: who sent it, what it says (plain text, cleaned), which thread it
 * belongs to, whether a program sent it, and its attachments with their verdicts.
 *
 * @param messageId the {@code Message-ID}, null when absent or unusable
 * @param ignoredBecause why it is an auto-reply, a bounce or a loop; null for a person's e-mail
 * @param threadIds the ids of {@code In-Reply-To} then {@code References}
 * @param problems what could not be read as it should (malformed MIME, an unknown charset)
 */
public record ParsedMail(
    String messageId,
    String senderAddress,
    String senderName,
    String subject,
    String text,
    List<String> threadIds,
    String ignoredBecause,
    List<Attachment> attachments,
    List<String> problems) {

  /** The same mail with one more problem said on the ticket's timeline. */
  public ParsedMail withProblem(String problem) {
    List<String> all = new java.util.ArrayList<>(problems);
    all.add(problem);
    return new ParsedMail(
        messageId,
        senderAddress,
        senderName,
        subject,
        text,
        threadIds,
        ignoredBecause,
        attachments,
        List.copyOf(all));
  }

  /**
   * A file that came with the e-mail. {@code content} is null when it was refused ({@code refusal}
   * says why); {@code type} is the type kept, checked against the content.
   */
  public record Attachment(
      String filename,
      String declaredType,
      String type,
      long size,
      byte[] content,
      String refusal) {}
}
