package fr.vigie.security;

/** Staff roles of DESIGN.md §9. Officials never see a ticket; providers only their own cases. */
public enum Role {
  ANALYST,
  COORDINATOR,
  PROVIDER,
  OFFICIAL,
  ADMIN
}
