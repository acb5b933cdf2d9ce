package io.qianmian.features.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetInfo;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.features.data.UserTable;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed of profiling at scale: a synthetic log of {@code -Dbench.users} users (default 1 M) and 20
 * events each, built straight into columns. Run with {@code mvn -pl features test -Dgroups=bench
 * -Dexcluded.test.groups= -Dtest=ProfilerBench -DargLine=-Xmx2g}; prints the timings.
 */
@Tag("bench")
class ProfilerBench {
  @Test
  void profilesAMillionUsers() throws IOException {
    int users = Integer.getInteger("bench.users", 1_000_000);
    int events = users * 20;
    long seed = 42;
    System.out.println("ProfilerBench seed " + seed + ", " + users + " users, " + events + " events");
    Dataset d = synthetic(users, events, 100_000, seed);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.out.printf("dataset built, heap used %d MB of max %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    long t0 = System.nanoTime();
    Progress timing =
        (task, total, unit) -> {
          long began = System.nanoTime();
          long cpu = cpuNanos();
          return new Progress.Task() {
            @Override
            public void stepTo(long done) {}

            @Override
            public void message(String text) {
              System.out.println("  " + task + ": " + text);
            }

            @Override
            public void close() {
              System.out.printf("  %s: %.1f s (cpu %.1f s)%n", task, (System.nanoTime() - began) / 1e9, (cpuNanos() - cpu) / 1e9);
            }
          };
        };
    ProfileStore store = Profiler.run(d, FeaturesConfig.reference(), timing);
    long t1 = System.nanoTime();
    Path dir = Files.createTempDirectory("profiles-bench");
    store.write(dir.resolve("store"), timing);
    long t2 = System.nanoTime();
    System.out.printf("profiles.jsonl %d MB%n", Files.size(dir.resolve("store/profiles.jsonl")) >> 20);
    ProfileStore back = ProfileStore.read(dir.resolve("store"));
    long t3 = System.nanoTime();
    System.out.printf(
        "profile + segments %.1f s, write %.1f s, read %.0f ms, heap used %d MB%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e6, (rt.totalMemory() - rt.freeMemory()) >> 20);
    store.segments().forEach(s -> System.out.println("  " + s.name() + " " + s.size() + " " + s.description()));
    assertThat(back.size()).isEqualTo(users);
    io.qianmian.features.io.AtomicDirectory.deleteTree(dir);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static Dataset synthetic(int users, int events, int items, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] user = new int[events];
    int[] item = new int[events];
    byte[] type = new byte[events];
    long[] time = new long[events];
    int[] quantity = new int[events];
    float[] price = new float[events];
    int[] order = new int[events];
    int[] none = new int[events];
    Arrays.fill(none, -1);
    int[] channel = new int[events];
    long start = 1_760_000_000_000L;
    long span = 90L * 86_400_000L;
    float[] list = new float[items];
    int[] category = new int[items];
    int[] brand = new int[items];
    for (int i = 0; i < items; i++) {
      list[i] = (float) Math.exp(1 + 4 * random.nextDouble());
      category[i] = 20 + random.nextInt(200);
      brand[i] = random.nextInt(1000);
    }
    int orders = 0;
    // Events come in visits: 5,000 visits run at once, each of about 15 events, so a user's events
    // are close together in time as in a real log (and in the generator's).
    int[] visits = new int[5000];
    for (int v = 0; v < visits.length; v++) {
      visits[v] = random.nextInt(users);
    }
    for (int r = 0; r < events; r++) {
      int v = random.nextInt(visits.length);
      if (random.nextInt(15) == 0) {
        visits[v] = random.nextInt(users);
      }
      user[r] = visits[v];
      item[r] = random.nextInt(items);
      time[r] = start + span * r / events;
      double x = random.nextDouble();
      EventType t = x < 0.70 ? EventType.VIEW : x < 0.80 ? EventType.CLICK : x < 0.88 ? EventType.ADD_TO_CART : x < 0.90 ? EventType.FAVOURITE : x < 0.995 ? EventType.PURCHASE : EventType.REFUND;
      type[r] = t.code();
      channel[r] = random.nextInt(4);
      price[r] = Float.NaN;
      order[r] = -1;
      if (t == EventType.PURCHASE || t == EventType.REFUND) {
        quantity[r] = 1 + random.nextInt(3);
        price[r] = list[item[r]];
        order[r] = orders++;
      }
    }
    int[] parent = new int[220];
    for (int c = 0; c < 220; c++) {
      parent[c] = c < 20 ? -1 : (c - 20) / 10;
    }
    List<String> categoryNames = new ArrayList<>();
    for (int c = 0; c < 220; c++) {
      categoryNames.add(c < 20 ? "top" + c : "top" + parent[c] + " > leaf" + c);
    }
    @SuppressWarnings("unchecked")
    Map<String, String>[] attributes = new Map[items];
    Arrays.fill(attributes, Map.of());
    boolean[] inStock = new boolean[items];
    Arrays.fill(inStock, true);
    Catalog catalog = new Catalog(new String[items], category, brand, list, inStock, new long[items], attributes, parent);
    UserTable table = new UserTable(new String[users], new String[users], new String[users], new long[users]);
    DatasetInfo info = new DatasetInfo(1, "", "bench", events, users, items, time[0], time[events - 1], Map.of(), Map.of());
    Events ev = new Events(user, item, type, time, quantity, price, order, none, channel, none, none);
    return new Dataset(
        info,
        ev,
        catalog,
        table,
        ids("u", users),
        ids("p", items),
        IdDictionary.of(categoryNames),
        ids("b", 1000),
        ids("o", orders),
        ids("s", 0),
        IdDictionary.of(List.of("app", "web", "mini-program", "email")),
        ids("c", 0),
        ids("r", 0));
  }

  private static IdDictionary ids(String prefix, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(prefix + i);
    }
    return IdDictionary.of(out);
  }
}
