package io.qianmian.features.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StoreCalendarTest {
  @Test
  void weekendsAndShoppingFestivalsAreBusier() {
    LocalDate tuesday = LocalDate.of(2026, 11, 3);
    assertThat(StoreCalendar.weight(LocalDate.of(2026, 11, 7))).isGreaterThan(StoreCalendar.weight(tuesday));
    assertThat(StoreCalendar.weight(LocalDate.of(2026, 11, 11))).isGreaterThan(2 * StoreCalendar.weight(tuesday));
    // Black Friday 2026 is the 27th.
    assertThat(StoreCalendar.weight(LocalDate.of(2026, 11, 27))).isGreaterThan(StoreCalendar.weight(LocalDate.of(2026, 11, 20)));
  }

  @Test
  void samplesStayInTheSpanAndFollowTheEveningPeak() {
    StoreParameters p = new StoreParameters(1, 1, 28, 1, LocalDate.of(2026, 2, 2));
    StoreCalendar c = new StoreCalendar(p);
    SplittableRandom rng = new SplittableRandom(3);
    long from = p.startMillis() + 3 * StoreCalendar.DAY + 5 * StoreCalendar.HOUR;
    long to = from + 9 * StoreCalendar.DAY;
    int evening = 0;
    int night = 0;
    for (int k = 0; k < 20_000; k++) {
      long t = c.sample(from, to, rng);
      assertThat(t).isBetween(from, to - 1);
      long hour = (t - p.startMillis()) % StoreCalendar.DAY / StoreCalendar.HOUR;
      evening += hour == 21 ? 1 : 0;
      night += hour == 3 ? 1 : 0;
    }
    assertThat(evening).isGreaterThan(8 * night);
    assertThat(c.weightedDays(p.startMillis(), p.endMillis())).isCloseTo(28, org.assertj.core.api.Assertions.within(1e-6));
  }
}
