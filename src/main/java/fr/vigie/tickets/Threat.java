package fr.vigie.tickets;

/** What the victim says happened, in its own vocabulary (DESIGN.md §4); triage maps it to RSIT. */
public enum Threat {
  RANSOMWARE,
  PHISHING,
  ACCOUNT_COMPROMISE,
  INTRUSION,
  TRANSFER_FRAUD,
  DEFACEMENT,
  DDOS,
  DATA_BREACH,
  MALWARE,
  TECH_SUPPORT_SCAM,
  IMPERSONATION,
  EXTORTION,
  HARASSMENT,
  CARD_FRAUD,
  SPAM,
  LOST_OR_STOLEN_DEVICE,
  VULNERABILITY,
  INFORMATION_REQUEST,
  UNKNOWN
}
