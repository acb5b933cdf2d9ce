package io.qianmian.features.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A random store checked against a plain recount with hash sets, one event at a time: the one-pass
 * arrays must agree with it for every day, channel and category, whatever the thread split.
 */
class RandomStoreTest {
  private static final long START = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final int DAYS = 20;
  private static final int WINDOW = 4;
  private static final String[] CHANNELS = {"app", "web", "mini-program", "email", null};
  private static final EventType[] TYPES = {
    EventType.IMPRESSION, EventType.IMPRESSION, EventType.VIEW, EventType.VIEW, EventType.VIEW, EventType.CLICK,
    EventType.ADD_TO_CART, EventType.ADD_TO_CART, EventType.PURCHASE, EventType.REFUND, EventType.FAVOURITE
  };

  private static Dataset randomStore(long seed) {
    Random rnd = new Random(seed);
    DatasetBuilder b = new DatasetBuilder();
    String[] roots = {"Home", "Toys", "Books", "Food"};
    for (int i = 0; i < 40; i++) {
      if (i % 7 != 6) {
        b.addItem(new CatalogItem("p" + i, null, List.of(roots[i % 4], "sub" + (i % 3)), null, 1, true, Map.of(), 0));
      }
    }
    for (int n = 0; n < 4000; n++) {
      int user = rnd.nextInt(150);
      EventType type = TYPES[rnd.nextInt(TYPES.length)];
      long t = START + (long) (rnd.nextDouble() * rnd.nextDouble() * DAYS * 86_400_000L); // busier early on
      boolean money = type == EventType.PURCHASE || type == EventType.REFUND;
      String order = money && rnd.nextInt(10) > 0 ? "o" + user + "-" + rnd.nextInt(3) : null;
      b.add(new BehaviorEvent("u" + user, "p" + rnd.nextInt(45), type, t, money ? 1 + rnd.nextInt(3) : 0,
          money ? 1 + rnd.nextInt(100) : Double.NaN, order, null, CHANNELS[rnd.nextInt(CHANNELS.length)], null, null));
    }
    return b.build();
  }

  @Test
  void onePassAgreesWithARecountForEveryDayChannelAndCategory() throws Exception {
    long seed = System.nanoTime();
    System.out.println("RandomStoreTest seed " + seed);
    Dataset d = randomStore(seed);
    MetricsConfig config = MetricsConfig.defaults().withChurnWindowDays(WINDOW);
    StoreMetrics m = MetricsCalculator.of(d, config).threads(3).compute(Progress.NONE);
    assertThat(MetricsReport.json(MetricsCalculator.of(d, config).threads(1).compute(Progress.NONE)))
        .as("seed %d: one thread", seed).isEqualTo(MetricsReport.json(m));

    compare(d, m, seed, "store", r -> "", List.of(new BreakdownSeries("", m.totals(), m.daily())));
    compare(d, m, seed, "channel", r -> d.channels().idOrNull(d.events().channel()[r]) == null ? Slices.NONE
        : d.channels().id(d.events().channel()[r]), m.breakdowns().get(Breakdown.CHANNEL));
    compare(d, m, seed, "category", r -> {
      int c = d.catalog().category()[d.events().item()[r]];
      return c < 0 ? Slices.UNKNOWN : d.categories().id(d.catalog().root(c));
    }, m.breakdowns().get(Breakdown.CATEGORY));
  }

  private static void compare(Dataset d, StoreMetrics m, long seed, String what, IntFunction<String> sliceOf, List<BreakdownSeries> series) {
    Recount all = new Recount(d, sliceOf);
    for (BreakdownSeries s : series) {
      for (int day = 0; day < m.days().size(); day++) {
        String at = "seed " + seed + ", " + what + " '" + s.value() + "', " + m.days().get(day) + ": ";
        Recount.Slice expected = all.day(day, s.value());
        MetricValues actual = s.daily().get(day);
        assertThat(actual.valueOrNaN(Metric.PV)).as(at + "pv").isEqualTo(expected.views);
        assertThat(actual.valueOrNaN(Metric.UV)).as(at + "uv").isEqualTo(expected.users.size());
        assertThat(actual.valueOrNaN(Metric.ORDERS)).as(at + "orders").isEqualTo(expected.orders.size());
        assertThat(actual.valueOrNaN(Metric.BUYERS)).as(at + "buyers").isEqualTo(expected.buyers.size());
        assertThat(actual.valueOrNaN(Metric.FIRST_TIME_BUYERS)).as(at + "first-time buyers").isEqualTo(expected.firstTimeBuyers.size());
        assertThat(actual.valueOrNaN(Metric.NEW_VISITORS)).as(at + "new visitors").isEqualTo(expected.newVisitors.size());
        assertThat(actual.valueOrNaN(Metric.GMV)).as(at + "gmv").isCloseTo(expected.gmv, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(actual.valueOrNaN(Metric.FUNNEL_VIEW)).as(at + "funnel view").isEqualTo(expected.stageCount(1));
        assertThat(actual.valueOrNaN(Metric.FUNNEL_CART)).as(at + "funnel cart").isEqualTo(expected.stageCount(2));
        assertThat(actual.valueOrNaN(Metric.FUNNEL_PURCHASE)).as(at + "funnel purchase").isEqualTo(expected.stageCount(3));
        if (day >= 2 * WINDOW - 1) {
          assertThat(actual.valueOrNaN(Metric.CHURN_BASE)).as(at + "churn base").isEqualTo(all.churnBase(day, s.value()));
          assertThat(actual.valueOrNaN(Metric.CHURNED)).as(at + "churned").isEqualTo(all.churned(day, s.value()));
        } else {
          assertThat(actual.value(Metric.CHURN_RATE)).as(at + "churn").isEmpty();
        }
      }
      Recount.Slice period = all.period(s.value());
      String at = "seed " + seed + ", " + what + " '" + s.value() + "', period: ";
      assertThat(s.totals().valueOrNaN(Metric.UV)).as(at + "uv").isEqualTo(period.users.size());
      assertThat(s.totals().valueOrNaN(Metric.ORDERS)).as(at + "orders").isEqualTo(period.orders.size());
      assertThat(s.totals().valueOrNaN(Metric.REPEAT_BUYERS)).as(at + "repeat buyers").isEqualTo(period.repeatBuyers());
      assertThat(s.totals().valueOrNaN(Metric.FUNNEL_PURCHASE)).as(at + "funnel purchase").isEqualTo(period.stageCount(3));
    }
  }

  /** The metrics recounted naively: a set per question, events in order. */
  private static final class Recount {
    final Map<String, Slice> days = new HashMap<>();
    final Map<String, Slice> periods = new HashMap<>();
    final Map<String, Set<Integer>> activeDays = new HashMap<>();

    static final class Slice {
      double views;
      double gmv;
      final Set<Integer> users = new HashSet<>();
      final Set<String> orders = new HashSet<>();
      final Set<Integer> buyers = new HashSet<>();
      final Set<Integer> firstTimeBuyers = new HashSet<>();
      final Set<Integer> newVisitors = new HashSet<>();
      final Map<Integer, Integer> stage = new HashMap<>();
      final Map<Integer, Set<String>> ordersOfUser = new HashMap<>();

      long stageCount(int atLeast) {
        return stage.values().stream().filter(s -> s >= atLeast).count();
      }

      long repeatBuyers() {
        return ordersOfUser.values().stream().filter(o -> o.size() >= 2).count();
      }
    }

    Recount(Dataset d, IntFunction<String> sliceOf) {
      Map<Integer, Integer> firstSeen = new HashMap<>();
      Map<Integer, Integer> firstBought = new HashMap<>();
      for (int r = 0; r < d.events().size(); r++) {
        int u = d.events().user()[r];
        int day = (int) (LocalDate.ofInstant(Instant.ofEpochMilli(d.events().time()[r]), ZoneOffset.UTC).toEpochDay()
            - LocalDate.ofInstant(Instant.ofEpochMilli(d.events().time()[0]), ZoneOffset.UTC).toEpochDay());
        EventType type = d.events().typeOf(r);
        String slice = sliceOf.apply(r);
        firstSeen.putIfAbsent(u, day);
        if (type == EventType.PURCHASE) {
          firstBought.putIfAbsent(u, day);
        }
        activeDays.computeIfAbsent(slice + "#" + u, k -> new HashSet<>()).add(day);
        for (Slice s : List.of(days.computeIfAbsent(day + "#" + slice, k -> new Slice()), periods.computeIfAbsent(slice, k -> new Slice()))) {
          s.users.add(u);
          if (firstSeen.get(u) == day || s == periods.get(slice)) {
            s.newVisitors.add(u);
          }
          int stage = s.stage.getOrDefault(u, 0);
          if (type == EventType.VIEW) {
            s.views++;
            s.stage.put(u, Math.max(stage, 1));
          } else if (type == EventType.ADD_TO_CART && stage == 1) {
            s.stage.put(u, 2);
          } else if (type == EventType.PURCHASE) {
            if (stage == 2) {
              s.stage.put(u, 3);
            }
            String order = d.events().order()[r] < 0 ? "row" + r : d.orders().id(d.events().order()[r]);
            s.orders.add(order);
            s.buyers.add(u);
            s.ordersOfUser.computeIfAbsent(u, k -> new HashSet<>()).add(order);
            if (firstBought.get(u) == day || s == periods.get(slice)) {
              s.firstTimeBuyers.add(u);
            }
            s.gmv += d.events().revenue(r);
          }
        }
      }
    }

    Slice day(int day, String slice) {
      return days.getOrDefault(day + "#" + slice, new Slice());
    }

    Slice period(String slice) {
      return periods.getOrDefault(slice, new Slice());
    }

    long churnBase(int day, String slice) {
      return activeDays.entrySet().stream()
          .filter(e -> e.getKey().startsWith(slice + "#"))
          .filter(e -> e.getValue().stream().anyMatch(a -> a >= day - 2 * WINDOW + 1 && a <= day - WINDOW))
          .count();
    }

    long churned(int day, String slice) {
      return activeDays.entrySet().stream()
          .filter(e -> e.getKey().startsWith(slice + "#"))
          .filter(e -> e.getValue().stream().anyMatch(a -> a >= day - 2 * WINDOW + 1 && a <= day - WINDOW))
          .filter(e -> e.getValue().stream().noneMatch(a -> a > day - WINDOW && a <= day))
          .count();
    }
  }
}
