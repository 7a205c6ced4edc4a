package fr.vigie.intake.web;

import fr.vigie.CsirtSettings;
import fr.vigie.intake.FollowUpView;
import fr.vigie.intake.web.FormViews.DeadlineView;
import fr.vigie.intake.web.FormViews.DiagnosisView;
import fr.vigie.intake.web.FormViews.OrientationView;
import fr.vigie.tickets.Orientation;
import fr.vigie.triage.Diagnosis;
import fr.vigie.triage.FirstAid;
import fr.vigie.web.Messages;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** Says a diagnosis, orientations and deadlines to the victim, in French, from the catalogue. */
@Singleton
final class VictimTexts {

  private final Messages messages;
  private final ZoneId zone;

  VictimTexts(Messages messages, CsirtSettings csirt) {
    this.messages = messages;
    this.zone = csirt.zone();
  }

  DiagnosisView diagnosis(Diagnosis d) {
    return new DiagnosisView(
        d.severity().name(),
        messages.get("severity." + d.severity().name()),
        d.inConstituency(),
        d.factors().stream().map(messages::factor).filter(Objects::nonNull).toList(),
        orientations(d.orientations()),
        d.deadlines().stream()
            .map(
                x ->
                    new DeadlineView(
                        messages.get("deadline." + x.code().name()),
                        Messages.dateTime(x.dueAt(), zone),
                        null))
            .toList(),
        d.firstAid().stream().map(FirstAid::text).toList());
  }

  List<OrientationView> orientations(List<Orientation> orientations) {
    return orientations.stream()
        .map(
            o ->
                new OrientationView(
                    messages.get("orientation." + o.code().name() + ".name"),
                    messages.get("orientation." + o.code().name() + ".reason"),
                    messages.find("orientation." + o.code().name() + ".link"),
                    o.urgent()))
        .toList();
  }

  List<DeadlineView> deadlines(List<FollowUpView.VictimDeadline> deadlines) {
    return deadlines.stream()
        .map(
            x ->
                new DeadlineView(
                    messages.get("deadline." + x.code()),
                    Messages.dateTime(x.dueAt(), zone),
                    messages.get("deadline.state." + x.state())))
        .toList();
  }

  String status(String code) {
    return messages.get("status." + code);
  }

  String dateTime(java.time.Instant at) {
    return Messages.dateTime(at.atZone(zone));
  }
}
