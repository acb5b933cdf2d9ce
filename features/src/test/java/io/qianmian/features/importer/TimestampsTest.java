package io.qianmian.features.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final Timestamps AUTO_UTC = Timestamps.of("auto", ZoneOffset.UTC);

  private static long parse(Timestamps t, String text) {
    return t.parse(RowValues.of(text), 0);
  }

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void autoReadsEpochMillisAndIsoInstants() {
    Timestamps t = AUTO_UTC;
    assertThat(parse(t, "1764065730000")).isEqualTo(1_764_065_730_000L);
    assertThat(parse(t, "2026-11-25T10:15:30Z")).isEqualTo(millis("2026-11-25T10:15:30Z"));
    assertThat(parse(t, "2026-11-25T10:15:30.25Z")).isEqualTo(millis("2026-11-25T10:15:30.250Z"));
    assertThat(parse(t, "2026-11-25T10:15:30.123456789Z")).isEqualTo(millis("2026-11-25T10:15:30.123Z"));
    assertThat(parse(t, "2026-11-25T18:15:30+08:00")).isEqualTo(millis("2026-11-25T10:15:30Z"));
    assertThat(parse(t, "2026-11-25T05:15:30-0500")).isEqualTo(millis("2026-11-25T10:15:30Z"));
    assertThat(parse(t, "2026-11-25 10:15")).isEqualTo(millis("2026-11-25T10:15:00Z"));
    assertThat(parse(t, "2026-11-25")).isEqualTo(millis("2026-11-25T00:00:00Z"));
    assertThat(parse(t, " 2024-02-29T00:00:00Z ")).isEqualTo(millis("2024-02-29T00:00:00Z"));
  }

  @Test
  void impossibleDatesAndJunkAreBadTimestamps() {
    for (String bad : new String[] {"2026-13-01T00:00:00Z", "2025-02-29", "2026-11-25T24:00:00Z", "yesterday", "2026-11-25T10:15:30Q", ""}) {
      assertThatThrownBy(() -> parse(AUTO_UTC, bad))
          .as(bad)
          .isInstanceOfSatisfying(RowProblem.class, p -> assertThat(p.kind()).isEqualTo(BadRow.Kind.BAD_TIMESTAMP));
    }
  }

  @Test
  void timesWithoutOffsetAreReadInTheGivenZone() {
    Timestamps shanghai = Timestamps.of("auto", ZoneId.of("Asia/Shanghai"));
    assertThat(parse(shanghai, "2026-11-25 18:15:30")).isEqualTo(millis("2026-11-25T10:15:30Z"));
    Timestamps london = Timestamps.of("M/d/yyyy H:mm", ZoneId.of("Europe/London"));
    assertThat(parse(london, "7/1/2011 9:05")).isEqualTo(millis("2011-07-01T08:05:00Z")); // summer time
    assertThat(parse(london, "12/1/2010 8:26")).isEqualTo(millis("2010-12-01T08:26:00Z"));
  }

  @Test
  void epochSecondsAreScaled() {
    assertThat(parse(Timestamps.of("epoch-seconds", ZoneOffset.UTC), "881250949")).isEqualTo(881_250_949_000L);
    assertThatThrownBy(() -> parse(Timestamps.of("epoch-seconds", ZoneOffset.UTC), "2026-11-25"))
        .hasMessageContaining("epoch seconds");
    assertThatThrownBy(() -> parse(Timestamps.of("epoch-seconds", ZoneOffset.UTC), "999999999999999999"))
        .isInstanceOf(RowProblem.class);
    assertThatThrownBy(() -> parse(AUTO_UTC, "+999999999-01-01T00:00:00Z")).isInstanceOf(RowProblem.class);
  }

  @Test
  void unknownFormatIsRefusedUpFront() {
    assertThatThrownBy(() -> Timestamps.of("yyyy-MM-dd bogus {", ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fastIsoPathAgreesWithJavaTime() {
    long seed = System.nanoTime();
    System.out.println("fastIsoPathAgreesWithJavaTime seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      long ms = random.nextLong(-2_000_000_000_000L, 6_000_000_000_000L);
      String text = Instant.ofEpochMilli(ms).toString();
      assertThat(parse(AUTO_UTC, text)).as("%s (seed %d)", text, seed).isEqualTo(ms);
      String offset = Instant.ofEpochMilli(ms).atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString();
      assertThat(parse(AUTO_UTC, offset)).as("%s (seed %d)", offset, seed).isEqualTo(ms);
    }
  }
}
