package fr.vigie.triage.internal;

import fr.vigie.tickets.Incident;
import fr.vigie.tickets.PersonalData;
import fr.vigie.tickets.Threat;
import fr.vigie.tickets.Victim;
import fr.vigie.tickets.VictimType;
import fr.vigie.triage.Deadline;
import fr.vigie.triage.DeadlineCode;
import fr.vigie.triage.Nis2Assessment;
import fr.vigie.triage.TicketKind;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The victim's legal deadlines (DOMAIN.md §5), from the moment it became aware ({@code
 * discoveredAt}), never from when the ticket was opened. The NIS2 final report is provisional: one
 * month after the 72 h notification, re-targeted when the notification is recorded.
 */
public final class DeadlineRule {

  private DeadlineRule() {}

  public static List<Deadline> deadlines(
      Victim victim, Incident incident, Nis2Assessment nis2, TicketKind kind, ZoneId zone) {
    ZonedDateTime aware = incident.discoveredAt().atZoneSameInstant(zone);
    List<Deadline> result = new ArrayList<>();
    PersonalData personal = incident.personalData();
    if (personal == PersonalData.SUSPECTED
        || personal == PersonalData.CONFIRMED
        || incident.threat() == Threat.DATA_BREACH) {
      result.add(at(DeadlineCode.GDPR_CNIL_72H, aware.plus(Duration.ofHours(72))));
    }
    if (nis2.regulated() && kind == TicketKind.INCIDENT) {
      ZonedDateTime notification = aware.plus(Duration.ofHours(72));
      result.add(at(DeadlineCode.NIS2_EARLY_WARNING_24H, aware.plus(Duration.ofHours(24))));
      result.add(at(DeadlineCode.NIS2_NOTIFICATION_72H, notification));
      result.add(at(DeadlineCode.NIS2_FINAL_REPORT_1M, notification.plusMonths(1)));
    }
    if (victim.type() != VictimType.PARTICULIER
        && Boolean.TRUE.equals(victim.cyberInsured())
        && kind == TicketKind.INCIDENT) {
      result.add(at(DeadlineCode.LOPMI_COMPLAINT_72H, aware.plus(Duration.ofHours(72))));
    }
    return result;
  }

  private static Deadline at(DeadlineCode code, ZonedDateTime due) {
    return new Deadline(code, due.toOffsetDateTime());
  }
}
