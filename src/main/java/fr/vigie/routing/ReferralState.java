package fr.vigie.routing;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code PROPOSED → ACCEPTED | DECLINED | EXPIRED}, {@code ACCEPTED → ENGAGED → COMPLETED |
 * ABANDONED} (DESIGN.md §6). A provider may also abandon an accepted case before engaging.
 */
public enum ReferralState {
  PROPOSED,
  ACCEPTED,
  DECLINED,
  EXPIRED,
  ENGAGED,
  COMPLETED,
  ABANDONED;

  /** A live referral holds the ticket: at most one per ticket, and it counts against capacity. */
  public static final Set<ReferralState> LIVE = EnumSet.of(PROPOSED, ACCEPTED, ENGAGED);

  public boolean live() {
    return LIVE.contains(this);
  }
}
