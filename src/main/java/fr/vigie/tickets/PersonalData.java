package fr.vigie.tickets;

/** Whether personal data is affected, as far as the victim knows. */
public enum PersonalData {
  NO,
  SUSPECTED,
  CONFIRMED,
  UNKNOWN
}
