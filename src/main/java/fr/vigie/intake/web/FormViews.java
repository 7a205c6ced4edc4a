package fr.vigie.intake.web;

import fr.vigie.web.Chrome;
import fr.vigie.web.FieldProblem;
import java.util.List;

/**
 * What the templates of the report form and the follow-up show (STYLE.md: templates loop and test,
 * the feature builds the view). Every text in them is already French.
 */
public final class FormViews {

  private FormViews() {}

  /** One choice of a radio or checkbox group. */
  public record OptionView(String id, String value, String label, boolean checked) {}

  /** A row of the observables list (its number from 1). */
  public record ObservableRow(
      int number, String typeName, String valueName, List<OptionView> types, String value) {}

  /**
   * One question, whatever its type ({@code text}, {@code single-choice}, {@code boolean}, {@code
   * commune}…); {@code showIfField}/{@code showIfValues} let the script hide what does not apply.
   */
  public record FieldView(
      String name,
      String id,
      String label,
      String help,
      String type,
      boolean required,
      String value,
      List<OptionView> options,
      String error,
      Integer maxLength,
      List<OptionView> communeChoices,
      List<ObservableRow> rows,
      String showIfField,
      String showIfValues) {

    public boolean group() {
      return type.equals("single-choice")
          || type.equals("boolean")
          || type.equals("multiple-choice")
          || type.equals("observables");
    }

    public String inputType() {
      return switch (type) {
        case "email" -> "email";
        case "phone" -> "tel";
        case "date-time" -> "datetime-local";
        default -> "text";
      };
    }

    public String autocomplete() {
      return switch (name) {
        case "contact.name" -> "name";
        case "contact.email" -> "email";
        case "contact.phone" -> "tel";
        case "contact.role" -> "organization-title";
        case "victim.name" -> "organization";
        default -> "off";
      };
    }

    public String inputMode() {
      return switch (type) {
        case "number", "siren" -> "numeric";
        case "money" -> "decimal";
        default -> null;
      };
    }

    public String describedBy() {
      String ids = help == null ? "" : id + "-aide";
      return error == null ? (ids.isEmpty() ? null : ids) : (ids + " " + id + "-erreur").strip();
    }
  }

  /** A step of the form. */
  public record StepView(
      Chrome chrome,
      String stepId,
      int number,
      int total,
      String title,
      String help,
      List<FieldView> fields,
      List<FieldProblem> errors,
      String state,
      boolean first,
      String base) {

    public String pageTitle() {
      return (errors.isEmpty() ? "" : "Erreur : ")
          + title
          + " — étape "
          + number
          + " sur "
          + total
          + " — Signaler un incident";
    }
  }

  /** A line of the check page. */
  public record CheckRow(String label, String value) {}

  /** The answers of one step on the check page, with its « Modifier » button. */
  public record CheckSection(String stepId, String title, List<CheckRow> rows) {}

  /**
   * {@code base}: where the form posts, {@code /signaler} or the desk's {@code
   * /console/signalement}.
   */
  public record CheckView(
      Chrome chrome,
      List<CheckSection> sections,
      List<FieldProblem> errors,
      String state,
      String base) {}

  /** Where else to turn, in French, with the official link. */
  public record OrientationView(String name, String reason, String link, boolean urgent) {}

  /** A legal deadline: its French name and when it falls, in Paris time. */
  public record DeadlineView(String name, String due, String state) {}

  /** The diagnosis as the victim reads it: on the receipt and in the live preview. */
  public record DiagnosisView(
      String severity,
      String severityText,
      boolean inConstituency,
      List<String> factors,
      List<OrientationView> orientations,
      List<DeadlineView> deadlines,
      List<String> firstAid) {}

  public record ReceiptView(
      Chrome chrome, String reference, String token, String status, DiagnosisView diagnosis) {}

  /** The follow-up's sign-in: reference and token. */
  public record FollowUpLoginView(Chrome chrome, String reference, List<FieldProblem> errors) {}

  public record MessageView(String from, String at, String text) {}

  public record FollowUpPageView(
      Chrome chrome,
      String reference,
      String status,
      String receivedAt,
      List<OrientationView> orientations,
      List<DeadlineView> deadlines,
      List<MessageView> messages,
      String csrf,
      List<FieldProblem> errors,
      String draft,
      boolean sent) {}
}
