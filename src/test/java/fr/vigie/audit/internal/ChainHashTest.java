package fr.vigie.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChainHashTest {

  static final Instant AT = Instant.parse("2026-11-20T08:15:30.123456Z");

  @Test
  void theHashIsStableAndCoversEveryField() {
    String base =
        ChainHash.of(ChainHash.GENESIS, 1, AT, "gwenola", "TICKET_VIEWED", "ticket:X", "{}");
    assertThat(base).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(ChainHash.of(ChainHash.GENESIS, 1, AT, "gwenola", "TICKET_VIEWED", "ticket:X", "{}"))
        .isEqualTo(base);
    assertThat(ChainHash.of("1".repeat(64), 1, AT, "gwenola", "TICKET_VIEWED", "ticket:X", "{}"))
        .isNotEqualTo(base);
    assertThat(ChainHash.of(ChainHash.GENESIS, 2, AT, "gwenola", "TICKET_VIEWED", "ticket:X", "{}"))
        .isNotEqualTo(base);
    assertThat(
            ChainHash.of(
                ChainHash.GENESIS,
                1,
                AT.plusNanos(1000),
                "gwenola",
                "TICKET_VIEWED",
                "ticket:X",
                "{}"))
        .isNotEqualTo(base);
    assertThat(ChainHash.of(ChainHash.GENESIS, 1, AT, "gwenol", "TICKET_VIEWED", "ticket:X", "{}"))
        .isNotEqualTo(base);
    assertThat(
            ChainHash.of(
                ChainHash.GENESIS, 1, AT, "gwenola", "TICKET_VIEWED", "ticket:X", "{\"a\": 1}"))
        .isNotEqualTo(base);
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    assertThat(ChainHash.of(ChainHash.GENESIS, 1, AT, "ab", "C", "t", "{}"))
        .isNotEqualTo(ChainHash.of(ChainHash.GENESIS, 1, AT, "a", "BC", "t", "{}"));
  }

  @Test
  void nanosecondsBelowPostgresPrecisionDoNotCount() {
    assertThat(ChainHash.of(ChainHash.GENESIS, 1, AT.plusNanos(999), "a", "B", "t", "{}"))
        .isEqualTo(ChainHash.of(ChainHash.GENESIS, 1, AT, "a", "B", "t", "{}"));
  }
}
