package io.qianmian.features.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks that what truth.json says was planted is really in the events. One store for all tests. */
class PlantedTruthTest {
  private static final StoreParameters PARAMS = new StoreParameters(6_000, 1_000, 60, 7, StoreParameters.DEFAULT_START);
  private static final PlantedSegment[] SEGMENTS = PlantedSegment.values();
  private static GeneratedStore store;
  private static Dataset d;
  private static Events e;
  private static PlantedSegment[] segmentOf;

  @BeforeAll
  static void generate() throws IOException {
    System.out.println("PlantedTruthTest store: " + PARAMS);
    store = new StoreGenerator(PARAMS).generate(Progress.NONE);
    d = store.dataset();
    e = d.events();
    segmentOf = new PlantedSegment[d.users().size()];
    for (int u = 0; u < segmentOf.length; u++) {
      segmentOf[u] = store.truth().segmentOf(d.users().id(u)).orElseThrow();
    }
  }

  @Test
  void everyShopperAndProductIsInTheDatasetInIdOrder() {
    assertThat(d.users().size()).isEqualTo(PARAMS.users());
    assertThat(d.items().size()).isEqualTo(PARAMS.items());
    assertThat(d.users().id(0)).isEqualTo("u1");
    assertThat(d.items().id(PARAMS.items() - 1)).isEqualTo("p" + PARAMS.items());
    assertThat(store.truth().segments()).hasSize(PARAMS.users());
  }

  @Test
  void segmentSharesAreThePlantedOnes() {
    long[] n = new long[SEGMENTS.length];
    for (PlantedSegment s : segmentOf) {
      n[s.ordinal()]++;
    }
    for (PlantedSegment s : SEGMENTS) {
      // Binomial: 3.5 standard deviations of a 30% share over 6,000 shoppers is 0.021.
      assertThat(n[s.ordinal()] / (double) PARAMS.users()).as(s.wireName()).isCloseTo(s.share(), within(0.021));
      assertThat(store.truth().segmentSizes().get(s.wireName())).isEqualTo(n[s.ordinal()]);
    }
  }

  @Test
  void funnelRatesAreThoseOfARealStore() {
    long[] n = countsByType();
    double viewToCart = n[EventType.ADD_TO_CART.ordinal()] / (double) n[EventType.VIEW.ordinal()];
    double cartToPurchase = n[EventType.PURCHASE.ordinal()] / (double) n[EventType.ADD_TO_CART.ordinal()];
    double refunds = n[EventType.REFUND.ordinal()] / (double) n[EventType.PURCHASE.ordinal()];
    System.out.printf("view→cart %.3f, cart→purchase %.3f, refunds %.3f%n", viewToCart, cartToPurchase, refunds);
    assertThat(viewToCart).isBetween(0.08, 0.13);
    assertThat(cartToPurchase).isBetween(0.30, 0.50);
    assertThat(refunds).isBetween(0.005, 0.08);
    assertThat(n[EventType.REMOVE_FROM_CART.ordinal()]).isPositive();
    assertThat(n[EventType.FAVOURITE.ordinal()]).isPositive();
  }

  @Test
  void eventsLieInTheWindowAndPurchasesCarryOrderQuantityAndPrice() {
    GroundTruth t = store.truth();
    for (int r = 0; r < e.size(); r++) {
      assertThat(e.time()[r]).isBetween(t.windowStart(), t.windowEnd() - 1);
      EventType type = e.typeOf(r);
      if (type == EventType.PURCHASE || type == EventType.REFUND) {
        assertThat(e.order()[r]).isNotNegative();
        assertThat(e.quantity()[r]).isPositive();
        assertThat(e.price()[r]).isPositive();
      }
      if (type != EventType.IMPRESSION && type != EventType.REFUND) {
        assertThat(e.session()[r]).as("session of row %d", r).isNotNegative();
      }
      assertThat(e.channel()[r]).isNotNegative();
    }
  }

  @Test
  void refundsFollowAPurchaseOfTheSameItemInTheSameOrder() {
    Map<Long, Long> purchased = new HashMap<>();
    for (int r = 0; r < e.size(); r++) {
      long key = ((long) e.order()[r] << 32) | e.item()[r];
      if (e.typeOf(r) == EventType.PURCHASE) {
        purchased.put(key, e.time()[r]);
      } else if (e.typeOf(r) == EventType.REFUND) {
        assertThat(purchased.get(key)).as("purchase before refund row %d", r).isNotNull().isLessThan(e.time()[r]);
      }
    }
  }

  @Test
  void everyPurchaseFollowsAnAddToCartInItsVisit() {
    Map<Long, Long> carted = new HashMap<>();
    for (int r = 0; r < e.size(); r++) {
      long key = ((long) e.session()[r] << 32) | e.item()[r];
      if (e.typeOf(r) == EventType.ADD_TO_CART) {
        carted.putIfAbsent(key, e.time()[r]);
      } else if (e.typeOf(r) == EventType.PURCHASE) {
        Long at = carted.get(key);
        if (at == null || at > e.time()[r]) {
          throw new AssertionError("purchase without an earlier add-to-cart in its visit: " + d.event(r));
        }
      }
    }
  }

  @Test
  void churnRiskShoppersBoughtEarlierAndAreSilentInTheLastThird() {
    GroundTruth t = store.truth();
    long lastThird = t.windowStart() + 2 * (t.windowEnd() - t.windowStart()) / 3;
    assertThat(t.churnSilentFrom()).isLessThanOrEqualTo(lastThird);
    double[] orders = ordersPerShopper();
    for (int r = 0; r < e.size(); r++) {
      if (segmentOf[e.user()[r]] == PlantedSegment.CHURN_RISK) {
        assertThat(e.time()[r]).as("churn-risk event %s", d.event(r)).isLessThan(t.churnSilentFrom());
      }
    }
    assertThat(mean(orders, PlantedSegment.CHURN_RISK)).isGreaterThan(3);
  }

  @Test
  void newShoppersRegisteredInTheLastTwoWeeksAndActOnlySince() {
    GroundTruth t = store.truth();
    long[] firstEvent = new long[segmentOf.length];
    java.util.Arrays.fill(firstEvent, Long.MAX_VALUE);
    for (int r = 0; r < e.size(); r++) {
      firstEvent[e.user()[r]] = Math.min(firstEvent[e.user()[r]], e.time()[r]);
    }
    for (int u = 0; u < segmentOf.length; u++) {
      long registered = d.userTable().registered()[u];
      if (segmentOf[u] == PlantedSegment.NEW) {
        assertThat(registered).isGreaterThanOrEqualTo(t.windowEnd() - 14 * StoreCalendar.DAY);
        assertThat(firstEvent[u]).isGreaterThanOrEqualTo(registered).isLessThan(Long.MAX_VALUE);
      } else {
        assertThat(registered).isLessThan(t.windowStart());
      }
    }
  }

  @Test
  void segmentsDifferInTheirSignatures() {
    double[] orders = ordersPerShopper();
    double[] spend = new double[segmentOf.length];
    double[] views = new double[segmentOf.length];
    double[] carts = new double[segmentOf.length];
    double[] app = new double[segmentOf.length];
    double[] web = new double[segmentOf.length];
    double[] withChannel = new double[segmentOf.length];
    int appIndex = d.channels().indexOrMinusOne("app");
    int webIndex = d.channels().indexOrMinusOne("web");
    for (int r = 0; r < e.size(); r++) {
      int u = e.user()[r];
      switch (e.typeOf(r)) {
        case PURCHASE -> spend[u] += e.revenue(r);
        case VIEW -> views[u]++;
        case ADD_TO_CART -> carts[u]++;
        default -> {}
      }
      withChannel[u]++;
      app[u] += e.channel()[r] == appIndex ? 1 : 0;
      web[u] += e.channel()[r] == webIndex ? 1 : 0;
    }
    for (PlantedSegment s : SEGMENTS) {
      if (s != PlantedSegment.HIGH_VALUE) {
        assertThat(mean(spend, PlantedSegment.HIGH_VALUE)).as("high-value vs " + s).isGreaterThan(1.5 * mean(spend, s));
        assertThat(mean(orders, PlantedSegment.HIGH_VALUE)).as("high-value vs " + s).isGreaterThan(1.3 * mean(orders, s));
      }
    }
    assertThat(ratio(app, withChannel, PlantedSegment.HIGH_VALUE)).isGreaterThan(0.75);
    assertThat(ratio(web, withChannel, PlantedSegment.BARGAIN_HUNTER)).isGreaterThan(0.6);
    assertThat(ratio(views, carts, PlantedSegment.CASUAL)).isGreaterThan(3 * ratio(views, carts, PlantedSegment.HIGH_VALUE));
    assertThat(mean(orders, PlantedSegment.CASUAL)).isLessThan(0.3);
  }

  @Test
  void enthusiastsBuyInOneTopCategory() {
    Map<Integer, Map<Integer, Integer>> byUser = new HashMap<>();
    for (int r = 0; r < e.size(); r++) {
      if (e.typeOf(r) == EventType.PURCHASE) {
        int top = d.catalog().root(d.catalog().category()[e.item()[r]]);
        byUser.computeIfAbsent(e.user()[r], k -> new HashMap<>()).merge(top, 1, Integer::sum);
      }
    }
    double[] concentration = new double[segmentOf.length];
    for (Map.Entry<Integer, Map<Integer, Integer>> en : byUser.entrySet()) {
      int max = en.getValue().values().stream().mapToInt(Integer::intValue).max().orElse(0);
      int sum = en.getValue().values().stream().mapToInt(Integer::intValue).sum();
      concentration[en.getKey()] = max / (double) sum;
    }
    double enthusiast = meanOver(concentration, PlantedSegment.ENTHUSIAST, byUser.keySet());
    System.out.printf("purchase concentration: enthusiast %.2f, high-value %.2f, bargain-hunter %.2f%n", enthusiast,
        meanOver(concentration, PlantedSegment.HIGH_VALUE, byUser.keySet()),
        meanOver(concentration, PlantedSegment.BARGAIN_HUNTER, byUser.keySet()));
    assertThat(enthusiast).isGreaterThan(0.93);
    assertThat(meanOver(concentration, PlantedSegment.HIGH_VALUE, byUser.keySet())).isLessThan(0.85);
    assertThat(meanOver(concentration, PlantedSegment.BARGAIN_HUNTER, byUser.keySet())).isLessThan(0.85);
  }

  @Test
  void campaignConversionInTheEventsIsThePlantedRate() {
    int campaigns = d.campaigns().size();
    Set<Long> received = new HashSet<>();
    Set<Long> bought = new HashSet<>();
    for (int r = 0; r < e.size(); r++) {
      int c = e.campaign()[r];
      if (c < 0) {
        continue;
      }
      long key = (long) e.user()[r] * campaigns + c;
      if (e.typeOf(r) == EventType.IMPRESSION) {
        assertThat(received.add(key)).as("one message per shopper and campaign").isTrue();
      } else {
        assertThat(received).as("event after the message, row %d", r).contains(key);
        if (e.typeOf(r) == EventType.PURCHASE) {
          bought.add(key);
        }
      }
    }
    double chiSquare = 0;
    int cells = 0;
    for (PlantedCampaign pc : PlantedCampaign.VALUES) {
      int c = d.campaigns().indexOrMinusOne(pc.id);
      double[] sent = new double[SEGMENTS.length];
      double[] converted = new double[SEGMENTS.length];
      for (int u = 0; u < segmentOf.length; u++) {
        long key = (long) u * campaigns + c;
        if (received.contains(key)) {
          sent[segmentOf[u].ordinal()]++;
          converted[segmentOf[u].ordinal()] += bought.contains(key) ? 1 : 0;
        }
      }
      PlantedSegment bestPlanted = null;
      PlantedSegment bestMeasured = null;
      for (PlantedSegment s : SEGMENTS) {
        double planted = store.truth().campaigns().get(pc.id).get(s.wireName());
        double measured = converted[s.ordinal()] / sent[s.ordinal()];
        // Four binomial standard deviations: wide enough to pass by chance almost never, narrow
        // enough that a rate off by a few points fails (e.g. ±0.028 around 0.02 over 200 recipients).
        double tolerance = 4 * Math.sqrt(planted * (1 - planted) / sent[s.ordinal()]);
        double z = (measured - planted) / Math.sqrt(planted * (1 - planted) / sent[s.ordinal()]);
        chiSquare += z * z;
        cells++;
        assertThat(measured).as("%s for %s over %.0f recipients", pc.id, s, sent[s.ordinal()]).isCloseTo(planted, within(tolerance));
        double size = store.truth().segmentSizes().get(s.wireName());
        assertThat(sent[s.ordinal()] / size).as("reach").isCloseTo(PlantedCampaign.REACH, within(0.06));
        bestPlanted = bestPlanted == null || planted > pc.conversion(bestPlanted) ? s : bestPlanted;
        bestMeasured = bestMeasured == null || measured > converted[bestMeasured.ordinal()] / sent[bestMeasured.ordinal()] ? s : bestMeasured;
      }
      assertThat(bestMeasured).as("segment converting best on " + pc.id).isEqualTo(bestPlanted);
    }
    // Together the 30 cells must fit too: the chi-square of 30 degrees of freedom stays below 59.7
    // with probability 0.999, while a bias of one standard deviation in every cell would give 60.
    System.out.printf("campaign conversion chi-square %.1f over %d cells%n", chiSquare, cells);
    assertThat(chiSquare).isLessThan(59.7);
  }

  @Test
  void latentTastesLetCoOccurrenceBeatPopularity() {
    double[] recall = ItemCoOccurrence.recallAt20(d, store.truth());
    System.out.printf("recall@20: popularity %.4f, item co-occurrence %.4f%n", recall[0], recall[1]);
    assertThat(recall[1]).isGreaterThan(2 * recall[0]);
  }

  @Test
  void popularityIsSkewed() {
    long[] views = new long[d.items().size()];
    long total = 0;
    for (int r = 0; r < e.size(); r++) {
      if (e.typeOf(r) == EventType.VIEW) {
        views[e.item()[r]]++;
        total++;
      }
    }
    java.util.Arrays.sort(views);
    long top = 0;
    int topCount = views.length / 20;
    for (int k = 0; k < topCount; k++) {
      top += views[views.length - 1 - k];
    }
    double share = top / (double) total;
    System.out.printf("top 5%% of products get %.2f of the views%n", share);
    assertThat(share).isGreaterThan(0.2);
  }

  private static long[] countsByType() {
    long[] n = new long[EventType.values().length];
    for (int r = 0; r < e.size(); r++) {
      n[e.type()[r]]++;
    }
    return n;
  }

  private static double[] ordersPerShopper() {
    Set<Integer> seen = new HashSet<>();
    double[] orders = new double[segmentOf.length];
    for (int r = 0; r < e.size(); r++) {
      if (e.typeOf(r) == EventType.PURCHASE && seen.add(e.order()[r])) {
        orders[e.user()[r]]++;
      }
    }
    return orders;
  }

  private static double mean(double[] perUser, PlantedSegment s) {
    double sum = 0;
    int n = 0;
    for (int u = 0; u < perUser.length; u++) {
      if (segmentOf[u] == s) {
        sum += perUser[u];
        n++;
      }
    }
    return sum / n;
  }

  private static double meanOver(double[] perUser, PlantedSegment s, Set<Integer> users) {
    double sum = 0;
    int n = 0;
    for (int u : users) {
      if (segmentOf[u] == s) {
        sum += perUser[u];
        n++;
      }
    }
    return sum / n;
  }

  private static double ratio(double[] a, double[] b, PlantedSegment s) {
    return mean(a, s) / mean(b, s);
  }
}
