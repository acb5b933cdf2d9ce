package io.qianmian.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetReader;
import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.data.EventInteractions;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import io.qianmian.trainer.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ALS on a large imported store, then how well and how fast the inner-product index answers
 * against exhaustive scoring. Run with {@code mvn -pl trainer test -Dexcluded.test.groups=none
 * -Dgroups=bench -Dtest=LargeCatalogSearchBench -Dqianmian.bench.dataset=/work/bench1m/dataset
 * -DargLine=-Xmx4g}.
 */
@Tag("bench")
class LargeCatalogSearchBench {
  @Test
  void indexAgainstExhaustiveScoring() throws IOException {
    String dir = System.getProperty("qianmian.bench.dataset");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "set -Dqianmian.bench.dataset=DIR (an imported dataset)");
    int iterations = Integer.getInteger("qianmian.bench.iterations", 10);
    Dataset d = DatasetReader.read(Path.of(dir));
    TrainConfig cfg = TrainConfig.reference();
    Interactions all = EventInteractions.weighted(d, cfg.eventWeights(), TimeDecay.NONE);
    System.out.printf("%,d users × %,d items, %,d non-zeros%n", all.userCount(), all.itemCount(), all.nonZeros());
    var p = cfg.als().orElseThrow();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    // -Dqianmian.bench.factors=FILE keeps the trained factors there and reads them back next time
    // (a study of the search then skips the training).
    String saved = System.getProperty("qianmian.bench.factors");
    AlsModel m;
    if (saved != null && Files.exists(Path.of(saved))) {
      m = new AlsModel(readFactors(Path.of(saved)), all);
      System.out.println("factors read from " + saved);
    } else {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      m = new AlsTrainer(new AlsParameters(p.rank(), p.lambda(), p.alpha(), iterations, p.cgSteps(), p.seed(), p.popularityExponent()))
              .fit(all, (task, total, unit) -> new Progress.Task() {
                @Override
                public void stepTo(long done) {}

                @Override
                public void message(String text) {
                  System.out.println(text);
                }

                @Override
                public void close() {}
              });
      System.out.printf("als %.1f s wall, %.1f s cpu (load average %.1f)%n", (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9, os.getSystemLoadAverage());
      if (saved != null) {
        writeFactors(m.factors(), Path.of(saved));
      }
    }
    Factors f = m.factors();
    long b0 = System.nanoTime();
    InnerProductIndex index = InnerProductIndex.build(f.items(), f.rank(), AlsModel.searchBudget(f.itemCount()), 42);
    System.out.printf("index %.2f s: %s%n", (System.nanoTime() - b0) / 1e9, index);
    InnerProductIndex.Scratch s = index.scratch(50);
    SplittableRandom rnd = new SplittableRandom(1);
    // -Dqianmian.bench.searchOnly=true: only the timings of the search (for a profiler).
    int sample = Boolean.getBoolean("qianmian.bench.searchOnly") ? 0 : 1000;
    double found = 0;
    int wanted = 0;
    for (int n = 0; n < sample; n++) {
      int u = rnd.nextInt(all.userCount());
      if (all.rowLength(u) == 0) {
        continue;
      }
      float[] scores = m.scores(u);
      ItemFilter none = ItemFilter.NONE;
      Set<Integer> truth = new HashSet<>();
      for (int i : TopK.select(scores, 50, none).items()) {
        truth.add(i);
      }
      ScoredItems got = index.search(f.users(), u * f.rank(), none, s);
      for (int i : got.items()) {
        found += truth.contains(i) ? 1 : 0;
      }
      wanted += truth.size();
    }
    if (sample > 0) {
      System.out.printf("recall of the exhaustive top 50: %.4f; exact answers %.1f %%; %,d items scored per search%n", found / wanted, 100.0 * s.exact / s.searches, s.scoredItems / s.searches);
    }
    // Exhaustive scoring (what every candidate list cost before the index), on fewer users.
    int few = Math.min(sample == 0 ? 100 : 5_000, all.userCount());
    long e0 = os.getProcessCpuTime();
    long x0 = System.nanoTime();
    io.qianmian.trainer.linalg.Chunks.forEach(few, (chunk, from, to) -> {
      for (int u = from; u < to; u++) {
        TopK.select(m.scores(u), 50, ItemFilter.NONE);
      }
    });
    double exhaustiveCpu = (os.getProcessCpuTime() - e0) / 1e9 / few;
    System.out.printf("exhaustive %,d users: %.2f s wall, %.0f µs cpu per user (load average %.1f)%n", few, (System.nanoTime() - x0) / 1e9, exhaustiveCpu * 1e6, os.getSystemLoadAverage());
    for (int round = 0; round < 2; round++) {
      long c0 = os.getProcessCpuTime();
      long w0 = System.nanoTime();
      int users = Math.min(Integer.getInteger("qianmian.bench.users", 200_000), all.userCount());
      int[] results = new int[1];
      io.qianmian.trainer.linalg.Chunks.forEach(users, (chunk, from, to) -> {
        InnerProductIndex.Scratch t = index.scratch(50);
        int sum = 0;
        for (int u = from; u < to; u++) {
          sum += index.search(f.users(), u * f.rank(), ItemFilter.NONE, t).size();
        }
        synchronized (results) {
          results[0] += sum;
        }
      });
      double wall = (System.nanoTime() - w0) / 1e9;
      double searchCpu = (os.getProcessCpuTime() - c0) / 1e9 / users;
      System.out.printf("search %,d users: %.2f s wall, %.0f µs cpu per user → %,.0f users/s; %.1f× less CPU than exhaustive (load average %.1f)%n", users, wall, searchCpu * 1e6, users / wall, exhaustiveCpu / searchCpu, os.getSystemLoadAverage());
      assertThat(results[0]).isPositive();
      // The same users searched in blocks: same answers, less CPU.
      for (int head : new int[] {1024, AlsModel.BLOCK_HEAD, 3072}) {
        ScoredItems[] blocked = new ScoredItems[users];
        long bc0 = os.getProcessCpuTime();
        long bw0 = System.nanoTime();
        io.qianmian.trainer.linalg.Chunks.forEach(users, (chunk, from, to) -> {
          InnerProductIndex.BlockScratch t = index.blockScratch(50, AlsModel.BLOCK);
          ScoredItems[] out = new ScoredItems[AlsModel.BLOCK];
          for (int u = from; u < to; u += AlsModel.BLOCK) {
            int end = Math.min(to, u + AlsModel.BLOCK);
            index.searchBlock(f.users(), u, end, x -> ItemFilter.NONE, x -> false, head, t, out);
            System.arraycopy(out, 0, blocked, u, end - u);
          }
        });
        double bwall = (System.nanoTime() - bw0) / 1e9;
        double blockCpu = (os.getProcessCpuTime() - bc0) / 1e9 / users;
        InnerProductIndex.Scratch t = index.scratch(50);
        int same = 0;
        for (int u = 0; u < users; u += 97) {
          ScoredItems one = index.search(f.users(), u * f.rank(), ItemFilter.NONE, t);
          same += java.util.Arrays.equals(one.items(), blocked[u].items()) && java.util.Arrays.equals(one.scores(), blocked[u].scores()) ? 1 : 0;
        }
        System.out.printf("blocks of %d, head %d: %.2f s wall, %.0f µs cpu per user; %.2f× less CPU than one by one; %d of %d sampled answers identical (load average %.1f)%n",
            AlsModel.BLOCK, head, bwall, blockCpu * 1e6, searchCpu / blockCpu, same, (users + 96) / 97, os.getSystemLoadAverage());
        assertThat(same).isEqualTo((users + 96) / 97);
      }
    }
  }

  private static void writeFactors(Factors f, Path file) throws IOException {
    try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(f.rank());
      out.writeInt(f.users().length);
      out.writeInt(f.items().length);
      for (float v : f.users()) {
        out.writeFloat(v);
      }
      for (float v : f.items()) {
        out.writeFloat(v);
      }
    }
  }

  private static Factors readFactors(Path file) throws IOException {
    try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      int rank = in.readInt();
      float[] users = new float[in.readInt()];
      float[] items = new float[in.readInt()];
      for (int i = 0; i < users.length; i++) {
        users[i] = in.readFloat();
      }
      for (int i = 0; i < items.length; i++) {
        items[i] = in.readFloat();
      }
      return new Factors(rank, users, items);
    }
  }
}
