package fr.vigie.notify.internal;

import fr.vigie.tickets.Threat;
import fr.vigie.triage.FirstAid;
import fr.vigie.triage.ThreatCatalogue;
import java.util.Map;

/**
 * The French texts of the e-mails. They carry the reference and the shape of the case, never a
 * victim's name or contact: whoever needs more logs in (the desk, the provider portal).
 */
public final class Templates {

  /** Topics whose text a person wrote: sent without {@code Auto-Submitted}, so it is answered. */
  public static final java.util.Set<String> WRITTEN_BY_A_PERSON =
      java.util.Set.of("VICTIM_MESSAGE");

  /** A subject and a plain-text body. */
  public record Mail(String subject, String body) {}

  private final ThreatCatalogue catalogue;
  private final String publicUrl;

  public Templates(ThreatCatalogue catalogue, String publicUrl) {
    this.catalogue = catalogue;
    this.publicUrl = publicUrl;
  }

  public Mail render(String topic, String reference, Map<String, Object> p) {
    String ref = reference == null ? "" : reference;
    String footer =
        "\n\n--\nVigie, cellule régionale de réponse aux incidents cyber.\n"
            // Replies are read when the desk's mailbox is set up (README, "Mailbox"): no longer
            // "do not reply", which told victims the opposite.
            + "Message automatique. Pour écrire à la cellule au sujet de ce dossier, gardez sa"
            + " référence dans l'objet.\n";
    return switch (topic) {
      case "REFERRAL_PROPOSED" ->
          new Mail(
              "[Vigie] Nouvelle demande d'intervention " + ref,
              "Bonjour,\n\nLa cellule régionale vous propose d'intervenir sur le dossier "
                  + ref
                  + " (gravité "
                  + p.get("severity")
                  + ", victime de type "
                  + p.get("victimType")
                  + ", département "
                  + p.get("departement")
                  + ").\n\nMerci d'accepter ou de refuser avant le "
                  + p.get("respondBy")
                  + " (UTC) depuis votre espace prestataire : "
                  + publicUrl
                  + "\nSans réponse dans ce délai, le dossier sera proposé à un autre prestataire."
                  + footer);
      case "REFERRAL_ACCEPTED" ->
          new Mail(
              "[Vigie] " + ref + " : prise en charge acceptée par " + p.get("provider"),
              "Le prestataire "
                  + p.get("provider")
                  + " a accepté le dossier "
                  + ref
                  + ". Il doit contacter la victime rapidement."
                  + footer);
      case "REFERRAL_CHOICE_NEEDED" ->
          new Mail(
              "[Vigie] " + ref + " : choisir un prestataire",
              "Le prestataire sollicité pour le dossier "
                  + ref
                  + " a refusé ou n'a pas répondu à temps, et le marché public n'a plus de rang"
                  + " disponible. Une liste de prestataires labellisés attend votre choix."
                  + footer);
      case "REFERRAL_CONTACT_LATE" ->
          new Mail(
              "[Vigie] " + ref + " : premier contact en retard",
              "Le prestataire "
                  + p.get("provider")
                  + " a accepté le dossier "
                  + ref
                  + " mais n'a pas signalé de prise de contact avec la victime avant le "
                  + p.get("contactBy")
                  + " (UTC). Merci de le relancer."
                  + footer);
      case "REFERRAL_COMPLETED", "REFERRAL_ABANDONED" ->
          new Mail(
              "[Vigie] "
                  + ref
                  + " : intervention "
                  + ("REFERRAL_COMPLETED".equals(topic) ? "terminée" : "abandonnée"),
              "Le prestataire "
                  + p.get("provider")
                  + ("REFERRAL_COMPLETED".equals(topic)
                      ? " a terminé son intervention sur le dossier "
                      : " a abandonné son intervention sur le dossier ")
                  + ref
                  + "."
                  + footer);
      case "ROUTING_GAP" ->
          new Mail(
              "[Vigie] " + ref + " : aucun prestataire disponible",
              "Le dossier "
                  + ref
                  + " (gravité "
                  + p.get("severity")
                  + ", département "
                  + p.get("departement")
                  + ") a besoin d'un prestataire : "
                  + p.get("reason")
                  + ". Une solution doit être trouvée à la main."
                  + footer);
      case "CLOCK_WARNING", "CLOCK_BREACHED" ->
          new Mail(
              "[Vigie] "
                  + ref
                  + " : échéance "
                  + p.get("code")
                  + ("CLOCK_WARNING".equals(topic) ? " bientôt atteinte" : " dépassée"),
              "Dossier "
                  + ref
                  + " : l'échéance "
                  + p.get("code")
                  + " ("
                  + p.get("kind")
                  + ") "
                  + ("CLOCK_WARNING".equals(topic) ? "arrive le " : "est dépassée depuis le ")
                  + p.get("dueAt")
                  + " (UTC)."
                  + footer);
      case "CAMPAIGN_OPENED" ->
          new Mail(
              "[Vigie] Campagne " + p.get("campaign") + " ouverte",
              "Une campagne vient d'être ouverte : "
                  + p.get("tickets")
                  + " dossiers rapprochés (menace "
                  + p.get("threat")
                  + ", département "
                  + p.get("departement")
                  + "), sur un observable partagé ou une même menace dans le département."
                  + "\nLa liste des dossiers, des observables et des dates figure dans la"
                  + " console (campagne n° "
                  + p.get("campaign")
                  + ")."
                  + footer);
      case "VICTIM_RECEIPT" -> receipt(ref, p, footer);
      case "VICTIM_MESSAGE" ->
          new Mail(
              "[" + ref + "] Message de la cellule régionale de réponse aux incidents cyber",
              "Bonjour,\n\n"
                  + (p.get("text") == null ? "" : p.get("text"))
                  + "\n\n--\nCellule régionale de réponse aux incidents cyber, dossier "
                  + ref
                  + ".\nVous pouvez répondre à ce message ; gardez la référence ["
                  + ref
                  + "] dans l'objet.\n");
      case "VICTIM_MESSAGE_RECEIVED" ->
          new Mail(
              "[Vigie] " + ref + " : nouveau message de la victime",
              "La victime du dossier "
                  + ref
                  + " a écrit"
                  + ("EMAIL".equals(p.get("channel")) ? " par e-mail" : "")
                  + ". Son message est sur la chronologie du dossier : "
                  + publicUrl
                  + footer);
      default ->
          new Mail("[Vigie] " + ref + " : " + topic, "Dossier " + ref + " : " + topic + footer);
    };
  }

  private Mail receipt(String ref, Map<String, Object> p, String footer) {
    StringBuilder body =
        new StringBuilder(
            "Bonjour,\n\nVotre signalement a bien été reçu par la cellule régionale de réponse"
                + " aux incidents cyber. Son numéro de dossier est "
                + ref
                + " : rappelez-le dans vos échanges avec nous.\n\n"
                + "En attendant que nous vous rappelions, les premiers gestes :\n");
    Threat threat;
    try {
      threat = Threat.valueOf(String.valueOf(p.get("threat")));
    } catch (IllegalArgumentException e) {
      threat = Threat.UNKNOWN;
    }
    for (FirstAid aid : catalogue.entry(threat).firstAid()) {
      body.append("- ").append(aid.text()).append('\n');
    }
    body.append(
        "\nEn cas d'urgence vitale ou de menace immédiate, composez le 17."
            + "\nNe payez pas de rançon et conservez les preuves (messages, journaux, captures).");
    return new Mail("[Vigie] Votre signalement " + ref + " est enregistré", body + footer);
  }
}
