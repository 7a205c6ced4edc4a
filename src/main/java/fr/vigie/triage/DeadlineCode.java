package fr.vigie.triage;

/** Legal deadlines of the victim (DOMAIN.md §5), counted from when it became aware. */
public enum DeadlineCode {
  GDPR_CNIL_72H,
  NIS2_EARLY_WARNING_24H,
  NIS2_NOTIFICATION_72H,
  NIS2_FINAL_REPORT_1M,
  LOPMI_COMPLAINT_72H
}
