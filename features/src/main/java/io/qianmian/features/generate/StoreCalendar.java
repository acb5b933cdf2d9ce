package io.qianmian.features.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When shoppers are active: a daily rhythm (quiet at night, busy in the evening, store time), a
 * weekly one (busier at weekends), seasons (busier before the winter holidays, quieter at the
 * Spring Festival) and the big shopping days (6.18, 11.11, Black Friday, 12.12).
 */
final class StoreCalendar {
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  private static final double[] HOURLY = {
    0.9, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.0, 1.4, 1.6, 1.7, 1.8,
    2.2, 2.0, 1.7, 1.7, 1.8, 1.9, 2.0, 2.4, 2.9, 3.2, 2.8, 1.8
  };
  /** Monday first. */
  private static final double[] WEEKLY = {0.94, 0.93, 0.96, 0.98, 1.05, 1.2, 1.16};
  /** January first. */
  private static final double[] MONTHLY = {0.95, 0.85, 0.95, 0.97, 1.0, 1.05, 0.97, 0.97, 1.0, 1.0, 1.1, 1.15};

  final long start;
  final long end;
  final int days;
  /** Cumulative day weights: day {@code d} spans {@code cumulative[d]..cumulative[d+1]}. */
  private final double[] cumulative;
  private final AliasTable hours = AliasTable.of(HOURLY);

  StoreCalendar(StoreParameters p) {
    start = p.startMillis();
    end = p.endMillis();
    days = p.days();
    cumulative = new double[days + 1];
    for (int d = 0; d < days; d++) {
      cumulative[d + 1] = cumulative[d] + weight(p.start().plusDays(d));
    }
  }

  /** How busy a day is, relative to an ordinary weekday. */
  static double weight(LocalDate day) {
    double w = WEEKLY[day.getDayOfWeek().getValue() - 1] * MONTHLY[day.getMonthValue() - 1];
    MonthDay md = MonthDay.from(day);
    if (md.equals(MonthDay.of(11, 11))) {
      w *= 2.6;
    } else if (md.equals(MonthDay.of(6, 18))) {
      w *= 2.0;
    } else if (md.equals(MonthDay.of(12, 12))) {
      w *= 1.6;
    } else if (md.equals(MonthDay.of(11, 10)) || md.equals(MonthDay.of(6, 17))) {
      w *= 1.3;
    } else if (day.equals(day.withDayOfMonth(1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.FRIDAY)))
        && day.getMonthValue() == 11) {
      w *= 1.5;
    }
    return w;
  }

  /** The share of all activity that falls in {@code [from, to)}, relative to an average day: days. */
  double weightedDays(long from, long to) {
    return (position(to) - position(from)) * days / cumulative[days];
  }

  /** A time in {@code [from, to)} following the rhythms; {@code from < to} inside the window. */
  long sample(long from, long to, SplittableRandom rng) {
    double lo = position(from);
    double hi = position(to);
    for (int attempt = 0; attempt < 8; attempt++) {
      double u = lo + rng.nextDouble() * (hi - lo);
      int day = dayAt(u);
      long t = start + day * DAY + hours.sample(rng) * HOUR + rng.nextInt((int) HOUR);
      if (t >= from && t < to) {
        return t;
      }
    }
    return from + (long) (rng.nextDouble() * (to - from));
  }

  /** The cumulative weight at time {@code t}, linear within a day. */
  private double position(long t) {
    long offset = Math.clamp(t - start, 0, end - start);
    int day = (int) Math.min(days - 1, offset / DAY);
    double within = (offset - day * DAY) / (double) DAY;
    return cumulative[day] + within * (cumulative[day + 1] - cumulative[day]);
  }

  private int dayAt(double position) {
    int i = Arrays.binarySearch(cumulative, position);
    int day = i >= 0 ? i : -i - 2;
    return Math.clamp(day, 0, days - 1);
  }
}
