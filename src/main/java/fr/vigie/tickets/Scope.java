package fr.vigie.tickets;

/** How much of the victim's information system is hit. */
public enum Scope {
  SINGLE_DEVICE,
  SEVERAL_DEVICES,
  WHOLE_NETWORK,
  UNKNOWN
}
