package fr.vigie.intake;

/** How the report reached the CSIRT. */
public enum Channel {
  WEB_FORM,
  PHONE,
  EMAIL,
  PARTNER
}
