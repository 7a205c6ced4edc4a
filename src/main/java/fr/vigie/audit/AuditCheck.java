package fr.vigie.audit;

import fr.vigie.audit.internal.AuditReader;
import fr.vigie.audit.internal.AuditSealer;
import jakarta.inject.Singleton;

/**
 * Whether anybody edited the audit log: seals what was written until now, then recomputes the whole
 * chain. A broken link names the first entry that was changed, removed or inserted outside the
 * sealer. For {@code GET /api/v1/audit/verify} and the administrators' page.
 */
@Singleton
public final class AuditCheck {

  private final AuditReader reader;
  private final AuditSealer sealer;

  AuditCheck(AuditReader reader, AuditSealer sealer) {
    this.reader = reader;
    this.sealer = sealer;
  }

  public Verification verifyNow() {
    sealer.seal(true);
    return reader.verify();
  }
}
