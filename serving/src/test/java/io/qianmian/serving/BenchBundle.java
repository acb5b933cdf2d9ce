package io.qianmian.serving;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.bundle.BundleWriter;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.bundle.PurchaseHistory;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.model.ScoredItems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes a large synthetic bundle for load tests of the server (wrk), not a test of behavior:
 * {@code mvn -pl serving test -Dexcluded.test.groups= -Dtest=BenchBundle#write -Dqianmian.bench.dir=/tmp/models
 * -Dqianmian.bench.users=1000000 -Dqianmian.bench.items=50000}. Random factors, 50 candidates per
 * user, 30 neighbors per item, popularity by category and segment.
 *
 * <p>{@link #fromStore} makes the bundle of a real imported store instead — its users, catalog
 * (titles, category tree, brands, stock), profiles and segments, popularity counted from its events,
 * repurchase rules from its purchases — with random factors (rank 32), candidates (50 per user) and
 * neighbors (30 per item), since training a million users takes minutes:
 * {@code mvn -pl serving test -Dexcluded.test.groups= -Dtest=BenchBundle#fromStore -DargLine=-Xmx8g
 * -Dqianmian.bench.store=/work/bench1m/dataset -Dqianmian.bench.profiles=/work/bench1m/features
 * -Dqianmian.bench.dir=/tmp/models}.
 */
@Tag("bench")
class BenchBundle {
  @Test
  void write() throws Exception {
    Path dir = Path.of(System.getProperty("qianmian.bench.dir", "target/bench-models"));
    int users = Integer.getInteger("qianmian.bench.users", 1_000_000);
    int items = Integer.getInteger("qianmian.bench.items", 50_000);
    int rank = Integer.getInteger("qianmian.bench.rank", 32);
    long seed = Long.getLong("qianmian.bench.seed", 1);
    System.out.println("BenchBundle seed " + seed + ", " + users + " users, " + items + " items, rank " + rank);
    SplittableRandom r = new SplittableRandom(seed);
    DatasetBuilder b = new DatasetBuilder().source("bench");
    for (int i = 0; i < items; i++) {
      int cat = r.nextInt(40);
      b.addItem(new CatalogItem("i" + i, "Item " + i + " word" + r.nextInt(500) + " word" + r.nextInt(500),
          List.of("Dept" + cat / 8, "Cat" + cat), "brand" + r.nextInt(300), 1 + r.nextInt(100), r.nextInt(20) != 0, Map.of(), 0));
    }
    for (int u = 0; u < users; u++) {
      b.add(BehaviorEvent.of("u" + u, "i" + r.nextInt(items), EventType.VIEW, 1_700_000_000_000L + u));
    }
    Dataset data = b.build();
    float[] uf = gaussian(r, users * rank, 1f);
    float[] itf = gaussian(r, items * rank, 0.3f);
    int[] popular = new int[1000];
    for (int k = 0; k < popular.length; k++) {
      popular[k] = r.nextInt(items);
    }
    popular = Arrays.stream(popular).distinct().toArray();
    List<ScoredItems> cats = new ArrayList<>();
    for (int c = 0; c < data.categories().size(); c++) {
      cats.add(randomList(r, items, 200));
    }
    String[] names = {"high-value", "potential", "churn-risk", "new"};
    int[] segmentOf = new int[users];
    for (int u = 0; u < users; u++) {
      segmentOf[u] = r.nextInt(5) - 1;
    }
    List<ScoredItems> bySegment = new ArrayList<>();
    for (String ignored : names) {
      bySegment.add(randomList(r, items, 200));
    }
    long[] cycle = new long[items];
    Arrays.fill(cycle, PurchaseHistory.NEVER_AGAIN);
    String version = BundleWriter.forDataset(data)
        .factors(new Factors(rank, uf, itf))
        .similarItems(lists(r, items, items, 30))
        .candidates(lists(r, users, items, 50), new byte[users], List.of("als"))
        .popularity(new ScoredItems(popular, new float[popular.length]), ScoredItems.EMPTY, RankedLists.of(cats))
        .segments(new SegmentAssignment(List.of(names), segmentOf), RankedLists.of(bySegment))
        .purchases(new PurchaseHistory(new int[users + 1], new int[0], new long[0], cycle))
        .publish(dir, 2);
    System.out.println("BenchBundle published " + dir.resolve(version));
  }

  @Test
  void fromStore() throws Exception {
    String store = System.getProperty("qianmian.bench.store");
    org.junit.jupiter.api.Assumptions.assumeTrue(store != null, "set qianmian.bench.store to a dataset directory");
    Path dir = Path.of(System.getProperty("qianmian.bench.dir", "target/bench-models"));
    int rank = Integer.getInteger("qianmian.bench.rank", 32);
    long seed = Long.getLong("qianmian.bench.seed", 1);
    Dataset data = io.qianmian.features.data.DatasetReader.read(Path.of(store));
    int users = data.users().size();
    int items = data.items().size();
    System.out.println("BenchBundle.fromStore seed " + seed + ", " + store + ": " + users + " users, " + items + " items, rank " + rank);
    SplittableRandom r = new SplittableRandom(seed);
    float[] uf = gaussian(r, users * rank, 1f);
    float[] itf = gaussian(r, items * rank, 0.3f);
    // Popularity by event count: the store's, each category subtree's, each segment's.
    int[] itemOf = data.events().item();
    int[] userOf = data.events().user();
    float[] count = new float[items];
    for (int e = 0; e < itemOf.length; e++) {
      if (itemOf[e] >= 0) {
        count[itemOf[e]]++;
      }
    }
    var catalog = data.catalog();
    List<List<Integer>> inCategory = new ArrayList<>();
    for (int c = 0; c < data.categories().size(); c++) {
      inCategory.add(new ArrayList<>());
    }
    for (int i = 0; i < items; i++) {
      for (int c = catalog.category()[i]; c >= 0; c = catalog.categoryParent()[c]) {
        inCategory.get(c).add(i);
      }
    }
    List<ScoredItems> cats = new ArrayList<>();
    for (List<Integer> members : inCategory) {
      cats.add(top(members.stream().mapToInt(Integer::intValue).toArray(), count, 200));
    }
    BundleWriter w = BundleWriter.forDataset(data)
        .factors(new Factors(rank, uf, itf))
        .similarItems(lists(r, items, items, 30))
        .candidates(lists(r, users, items, 50), new byte[users], List.of("als"))
        .popularity(top(java.util.stream.IntStream.range(0, items).toArray(), count, 1000), ScoredItems.EMPTY, RankedLists.of(cats))
        .purchases(io.qianmian.trainer.blend.RepurchaseRules.build(data, io.qianmian.trainer.blend.RepurchaseRules.Parameters.DEFAULTS));
    String profiles = System.getProperty("qianmian.bench.profiles");
    if (profiles != null) {
      var p = io.qianmian.features.profile.ProfileStore.read(Path.of(profiles));
      SegmentAssignment seg = p.segmentAssignment();
      int segments = seg.names().size();
      float[][] bySegment = new float[segments][items];
      for (int e = 0; e < itemOf.length; e++) {
        int s = userOf[e] >= 0 ? seg.segmentOfUser()[userOf[e]] : -1;
        if (s >= 0 && itemOf[e] >= 0) {
          bySegment[s][itemOf[e]]++;
        }
      }
      List<ScoredItems> lists = new ArrayList<>();
      for (int s = 0; s < segments; s++) {
        lists.add(top(java.util.stream.IntStream.range(0, items).toArray(), bySegment[s], 200));
      }
      w.segments(seg, RankedLists.of(lists)).profiles(Path.of(profiles));
    }
    String version = w.publish(dir, 2);
    System.out.println("BenchBundle published " + dir.resolve(version));
  }

  private static float[] gaussian(SplittableRandom r, int n, float scale) {
    float[] out = new float[n];
    for (int k = 0; k < n; k++) {
      out[k] = (float) r.nextGaussian() * scale;
    }
    return out;
  }

  /** The {@code n} of {@code members} with the highest {@code count}, best first. */
  private static ScoredItems top(int[] members, float[] count, int n) {
    Integer[] boxed = Arrays.stream(members).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (a, b) -> Float.compare(count[b], count[a]));
    int k = Math.min(n, boxed.length);
    int[] ids = new int[k];
    float[] scores = new float[k];
    for (int j = 0; j < k; j++) {
      ids[j] = boxed[j];
      scores[j] = count[boxed[j]];
    }
    return new ScoredItems(ids, scores);
  }

  private static RankedLists lists(SplittableRandom r, int rows, int items, int per) {
    int[] offsets = new int[rows + 1];
    int[] out = new int[rows * per];
    float[] scores = new float[rows * per];
    for (int row = 0; row < rows; row++) {
      offsets[row + 1] = offsets[row] + per;
      for (int k = 0; k < per; k++) {
        out[row * per + k] = r.nextInt(items);
        scores[row * per + k] = per - k;
      }
    }
    return new RankedLists(offsets, out, scores);
  }

  private static ScoredItems randomList(SplittableRandom r, int items, int n) {
    int[] ids = new int[n];
    float[] scores = new float[n];
    for (int k = 0; k < n; k++) {
      ids[k] = r.nextInt(items);
      scores[k] = n - k;
    }
    return new ScoredItems(ids, scores);
  }
}
