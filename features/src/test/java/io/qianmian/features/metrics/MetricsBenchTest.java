package io.qianmian.features.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetInfo;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.data.UserTable;
import io.qianmian.features.progress.Progress;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times store metrics on a synthetic store built straight into columns (default 1 M users, 20 M
 * events, 60 days; override with -Dbench.users, -Dbench.events, -Dbench.days). Run with
 * {@code mvn -pl features test -Dexcluded.test.groups=real-data -Dgroups=bench -Dtest=MetricsBenchTest}.
 */
@Tag("bench")
class MetricsBenchTest {
  @Test
  void millionUsersTwentyMillionEvents() {
    int users = Integer.getInteger("bench.users", 1_000_000);
    int events = Integer.getInteger("bench.events", 20_000_000);
    int days = Integer.getInteger("bench.days", 60);
    long seed = 42;
    System.out.printf("bench: %,d users, %,d events, %d days, seed %d%n", users, events, days, seed);
    long t0 = System.nanoTime();
    Dataset d = store(users, events, days, seed);
    long t1 = System.nanoTime();
    System.out.printf("bench: built the store in %.1f s%n", (t1 - t0) / 1e9);
    // CPU time of one thread says what the machine's load hides; wall time with all threads is what users see.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int threads : new int[] {1, 0, 0}) {
      long s = System.nanoTime();
      long c = cpu.getCurrentThreadCpuTime();
      MetricsCalculator calc = MetricsCalculator.of(d, MetricsConfig.defaults());
      StoreMetrics m = (threads > 0 ? calc.threads(threads) : calc).compute(Progress.NONE);
      long e = System.nanoTime();
      System.out.printf("bench: %s: store metrics in %.2f s wall%s (%,d UV, %,d orders)%n", threads > 0 ? "1 thread" : "default threads",
          (e - s) / 1e9, threads > 0 ? String.format(" %.2f s cpu", (cpu.getCurrentThreadCpuTime() - c) / 1e9) : "",
          (long) m.totals().valueOrNaN(Metric.UV), (long) m.totals().valueOrNaN(Metric.ORDERS));
      assertThat(m.days()).hasSize(days);
    }
  }

  private static Dataset store(int users, int n, int days, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int items = 100_000;
    int channels = 6;
    long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    int[] user = new int[n];
    int[] item = new int[n];
    byte[] type = new byte[n];
    long[] time = new long[n];
    int[] quantity = new int[n];
    float[] price = new float[n];
    int[] order = new int[n];
    int[] channel = new int[n];
    int[] none = new int[n];
    Arrays.fill(none, -1);
    EventType[] mix = new EventType[100];
    fill(mix, 0, 30, EventType.IMPRESSION);
    fill(mix, 30, 70, EventType.VIEW);
    fill(mix, 70, 78, EventType.CLICK);
    fill(mix, 78, 88, EventType.ADD_TO_CART);
    fill(mix, 88, 93, EventType.FAVOURITE);
    fill(mix, 93, 95, EventType.REMOVE_FROM_CART);
    fill(mix, 95, 99, EventType.PURCHASE);
    fill(mix, 99, 100, EventType.REFUND);
    int orders = 0;
    long span = days * 86_400_000L;
    for (int r = 0; r < n; r++) {
      // Skewed activity: a few users are busy, most come rarely.
      double x = rnd.nextDouble();
      user[r] = (int) (users * x * x);
      item[r] = (int) (items * Math.pow(rnd.nextDouble(), 3));
      EventType t = mix[rnd.nextInt(100)];
      type[r] = t.code();
      time[r] = start + span * r / n;
      channel[r] = rnd.nextInt(channels + 1) - 1;
      boolean money = t == EventType.PURCHASE || t == EventType.REFUND;
      quantity[r] = money ? 1 + rnd.nextInt(3) : 0;
      price[r] = money ? 1 + rnd.nextInt(200) : Float.NaN;
      order[r] = t == EventType.PURCHASE ? orders++ : -1;
    }
    Events ev = new Events(user, item, type, time, quantity, price, order, none, channel, none, none);
    int roots = 20;
    int[] parent = new int[roots * 6];
    List<String> categoryIds = new ArrayList<>();
    for (int c = 0; c < roots; c++) {
      categoryIds.add("root" + c);
      parent[c] = -1;
    }
    for (int c = roots; c < parent.length; c++) {
      parent[c] = c % roots;
      categoryIds.add("root" + (c % roots) + " > sub" + c);
    }
    int[] category = new int[items];
    for (int i = 0; i < items; i++) {
      category[i] = i % 50 == 0 ? -1 : roots + i % (parent.length - roots);
    }
    @SuppressWarnings("unchecked")
    Map<String, String>[] attributes = new Map[items];
    Arrays.fill(attributes, Map.of());
    float[] listPrice = new float[items];
    boolean[] inStock = new boolean[items];
    Arrays.fill(inStock, true);
    Catalog catalog = new Catalog(new String[items], category, new int[items], listPrice, inStock, new long[items], attributes, parent);
    UserTable ut = new UserTable(new String[users], new String[users], new String[users], new long[users]);
    DatasetInfo info = new DatasetInfo(1, "", "bench", n, users, items, time[0], time[n - 1], Map.of(), Map.of());
    return new Dataset(info, ev, catalog, ut, ids("u", users), ids("p", items), IdDictionary.of(categoryIds), ids("b", 0),
        ids("o", orders), ids("s", 0), ids("c", channels), ids("m", 0), ids("r", 0));
  }

  private static void fill(EventType[] a, int from, int to, EventType t) {
    Arrays.fill(a, from, to, t);
  }

  private static IdDictionary ids(String prefix, int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
    }
    return IdDictionary.of(ids);
  }
}
