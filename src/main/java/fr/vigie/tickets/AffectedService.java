package fr.vigie.tickets;

/** Which services the victim can no longer deliver. */
public enum AffectedService {
  CIVIL_STATUS,
  WATER,
  HEALTH,
  EMERGENCY_SERVICES,
  ENERGY,
  PAYROLL,
  FINANCE,
  SCHOOLS,
  WEBSITE,
  EMAIL,
  TELEPHONY,
  OTHER
}
