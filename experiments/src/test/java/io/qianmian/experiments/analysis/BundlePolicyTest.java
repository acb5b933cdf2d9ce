package io.qianmian.experiments.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.experiments.analysis.OffPolicy.LoggedRequest;
import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.Exposure.ShownItem;
import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.bundle.BundleWriter;
import io.qianmian.trainer.bundle.ModelBundle;
import io.qianmian.trainer.bundle.PurchaseHistory;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlePolicyTest {
  private static final int USERS = 100;

  @TempDir Path tmp;

  /** Users u0…u99 and items p0…p5 (dictionary order = first appearance: p0 = 0 … p5 = 5). */
  private static Dataset store() {
    DatasetBuilder b = new DatasetBuilder().source("hand-made");
    for (int i = 0; i < OffPolicyTest.M; i++) {
      b.addItem(new CatalogItem("p" + i, "Item " + i, List.of("All"), null, 10.0, true, Map.of(), 0));
    }
    for (int u = 0; u < USERS; u++) {
      b.add(BehaviorEvent.of("u" + u, "p" + (u % OffPolicyTest.M), EventType.VIEW, 1_000));
    }
    return b.build();
  }

  private static ScoredItems ranked(List<Integer> items) {
    float[] scores = new float[items.size()];
    Arrays.fill(scores, 1f);
    return new ScoredItems(items.stream().mapToInt(Integer::intValue).toArray(), scores);
  }

  /**
   * Every user but u99 has the candidate ranking of {@link OffPolicyTest} as their precomputed list;
   * u99 has none. Segments: u0…u49 "loyal", the rest "new". u0 bought p1 (a durable) at t = 500.
   */
  private ModelBundle bundle() throws IOException {
    Dataset d = store();
    assertThat(d.items().ids()).containsExactly("p0", "p1", "p2", "p3", "p4", "p5");
    List<ScoredItems> candidates = new ArrayList<>();
    int[] segmentOf = new int[USERS];
    for (int u = 0; u < USERS; u++) {
      int user = d.users().indexOrMinusOne("u" + u);
      while (candidates.size() <= user) {
        candidates.add(ScoredItems.EMPTY);
      }
      candidates.set(user, u == 99 ? ScoredItems.EMPTY : ranked(OffPolicyTest.CANDIDATE));
      segmentOf[user] = u < 50 ? 0 : 1;
    }
    int u0 = d.users().indexOrMinusOne("u0");
    int[] offsets = new int[USERS + 1];
    for (int u = u0 + 1; u <= USERS; u++) {
      offsets[u] = 1;
    }
    long[] cycle = new long[OffPolicyTest.M];
    Arrays.fill(cycle, PurchaseHistory.NEVER_AGAIN);
    String version =
        BundleWriter.forDataset(d)
            .candidates(RankedLists.of(candidates), new byte[USERS], List.of("als"))
            .popularity(ranked(List.of(0, 2, 4, 1, 3, 5)), ScoredItems.EMPTY, RankedLists.of(List.of(ScoredItems.EMPTY)))
            .segments(new SegmentAssignment(List.of("loyal", "new"), segmentOf),
                RankedLists.of(List.of(ranked(List.of(5, 4)), ranked(List.of(3, 0)))))
            .purchases(new PurchaseHistory(offsets, new int[] {1}, new long[] {500}, cycle))
            .publish(tmp.resolve("models"), 1);
    ModelBundle bundle = ModelBundle.loadCurrent(tmp.resolve("models"));
    assertThat(bundle.version()).isEqualTo(version);
    return bundle;
  }

  private static Exposure request(String user, String segment, long time, int slots) {
    List<ShownItem> shown = new ArrayList<>();
    for (int k = 0; k < slots; k++) {
      shown.add(new ShownItem("p0", k, 1.0 / OffPolicyTest.M));
    }
    return new Exposure("r-" + user, time, user, null, segment, List.of(), null, null, shown, List.of());
  }

  @Test
  void rankingIsTheShoppersCandidatesThenTheirSegmentsThenTheStoresListsAsDeepAsTheLoggedSlots() throws IOException {
    BundlePolicy policy = BundlePolicy.of(bundle());
    // u5's candidates are 1, 3, 5, 2, 0, 4: the whole catalog, so nothing else is needed.
    assertThat(policy.rankingFor(request("u5", null, 1_000, 4))).containsExactly(1, 3, 5, 2);
    // u99 has no candidates: its segment "new" (3, 0), then the store's list without repeats.
    assertThat(policy.rankingFor(request("u99", null, 1_000, 5))).containsExactly(3, 0, 2, 4, 1);
    assertThat(policy.name()).startsWith("bundle ");
  }

  @Test
  void itemsTheShopperBoughtTooRecentlyAreLeftOut() throws IOException {
    BundlePolicy policy = BundlePolicy.of(bundle());
    assertThat(policy.rankingFor(request("u0", null, 1_000, 3))).containsExactly(3, 5, 2);
    Exposure u0 = request("u0", null, 1_000, 3);
    assertThat(policy.probability(u0, "p1", 0)).isZero();
    assertThat(policy.probability(u0, "p3", 0)).isEqualTo(1);
    assertThat(policy.probability(u0, "p3", 1)).isZero();
    assertThat(policy.probability(u0, "no-such-item", 0)).isZero();
  }

  @Test
  void aShopperTheBundleDoesNotKnowGetsTheListsOfTheSegmentLoggedWithTheRequest() throws IOException {
    BundlePolicy policy = BundlePolicy.of(bundle());
    assertThat(policy.rankingFor(request("stranger", "loyal", 1_000, 3))).containsExactly(5, 4, 0);
    assertThat(policy.rankingFor(request("stranger", null, 1_000, 3))).containsExactly(0, 2, 4);
    assertThat(policy.rankingFor(request("stranger", "unheard-of", 1_000, 3))).containsExactly(0, 2, 4);
  }

  @Test
  void offPolicyEstimateOfTheBundleRecoversTheTrueClickRateOfItsRanking() throws IOException {
    long seed = Simulated.seed();
    System.out.println("bundle off-policy seed=" + seed);
    // Logged users u0…u99 (OffPolicyTest's log): u0 bought p1, which the candidate ranks first, and
    // u99 has no candidates, so take the requests of u1…u98 only: they all get the candidate ranking.
    List<LoggedRequest> logged = new ArrayList<>();
    for (LoggedRequest r : OffPolicyTest.log(new Random(seed), 40_000, 0.3)) {
      String u = r.exposure().userId();
      if (!u.equals("u0") && !u.equals("u99")) {
        logged.add(r);
      }
    }
    OffPolicy.Result r = OffPolicy.estimate(logged, BundlePolicy.of(bundle()), 0.05);
    double truth = OffPolicyTest.value(OffPolicyTest.CANDIDATE);
    System.out.printf("true %.4f, IPS %.4f %s, SNIPS %.4f %s%n", truth, r.ips().value(), r.ips().ci(), r.snips().value(), r.snips().ci());
    assertThat(r.ips().value()).isCloseTo(truth, within(4.5 * Math.sqrt(r.ips().variance())));
    assertThat(r.snips().value()).isCloseTo(truth, within(4.5 * Math.sqrt(r.snips().variance())));
    assertThat(r.snips().ci().low()).isGreaterThan(r.logged().value());
  }
}
