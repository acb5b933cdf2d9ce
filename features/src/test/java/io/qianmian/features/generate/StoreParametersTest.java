package io.qianmian.features.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StoreParametersTest {
  @Test
  void badValuesAreRefusedNamingTheField() {
    LocalDate start = StoreParameters.DEFAULT_START;
    assertThatThrownBy(() -> new StoreParameters(0, 10, 30, 1, start)).hasMessage("users must be between 1 and 50000000, not 0");
    assertThatThrownBy(() -> new StoreParameters(10, -1, 30, 1, start)).hasMessageStartingWith("items must be");
    assertThatThrownBy(() -> new StoreParameters(10, 10, 3, 1, start)).hasMessage("days must be between 7 and 3650, not 3");
  }

  @Test
  void windowStartsAtMidnightStoreTime() {
    StoreParameters p = new StoreParameters(1, 1, 7, 1, LocalDate.of(2026, 11, 11));
    assertThat(p.startMillis()).isEqualTo(java.time.Instant.parse("2026-11-10T16:00:00Z").toEpochMilli());
    assertThat(p.endMillis() - p.startMillis()).isEqualTo(7 * StoreCalendar.DAY);
  }

  @Test
  void formatNamesParseAndUnknownOnesListTheChoices() {
    assertThat(OutputFormat.parse("JSONL")).isEqualTo(OutputFormat.JSONL);
    assertThatThrownBy(() -> OutputFormat.parse("xml")).hasMessage("format 'xml' is not one of csv, jsonl, dataset");
  }
}
