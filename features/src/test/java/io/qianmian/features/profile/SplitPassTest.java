package io.qianmian.features.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.generate.StoreGenerator;
import io.qianmian.features.generate.StoreParameters;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The passes over the events split by user ranges give exactly what one pass gives. */
class SplitPassTest {
  @Test
  void aGeneratedStoreProfilesTheSameInOneAndInSeveralUserRanges() throws IOException {
    long seed = 77L;
    System.out.println("SplitPassTest seed " + seed);
    Dataset d = new StoreGenerator(StoreParameters.of(1500, 300).withSeed(seed)).generate(Progress.NONE).dataset();
    assertSameInRanges(d);
  }

  @Test
  void orderIdsSharedAcrossRangesAndPricesOnlyInTheLogCountAsInOnePass() {
    long seed = 78L;
    System.out.println("SplitPassTest seed " + seed);
    Random random = new Random(seed);
    DatasetBuilder b = new DatasetBuilder().source("shared orders");
    // p0 has no catalog price: its price is the last one paid, whichever user range paid it.
    for (int i = 0; i < 5; i++) {
      b.addItem(new CatalogItem("p" + i, "Item " + i, List.of("Home"), "Acme", i == 0 ? Float.NaN : 10 + i, true, Map.of(), 0));
    }
    long t = HandMadeStore.T.toEpochMilli() - 50L * 86_400_000L;
    for (int e = 0; e < 3000; e++) {
      t += 1 + random.nextInt(1_000_000);
      String user = "u" + random.nextInt(40);
      String item = "p" + random.nextInt(5);
      if (random.nextInt(4) == 0) {
        // Few order ids, bought under by many users: orders start whenever the buyer changes.
        String order = random.nextInt(5) == 0 ? null : "o" + random.nextInt(6);
        b.add(new BehaviorEvent(user, item, EventType.PURCHASE, t, 1 + random.nextInt(3), 5 + random.nextInt(20), order, null, "web", null, null));
      } else {
        b.add(new BehaviorEvent(user, item, EventType.VIEW, t, 0, random.nextBoolean() ? Float.NaN : 7 + random.nextInt(9), null, null, random.nextBoolean() ? "app" : null, null, null));
      }
    }
    assertSameInRanges(b.build());
  }

  private static void assertSameInRanges(Dataset d) {
    long asOf = d.info().lastEvent();
    ProfileColumns one = Profiler.columns(d, FeaturesConfig.reference(), asOf, new ArrayList<>(), Progress.NONE, 1);
    for (int parts : new int[] {2, 3, 7}) {
      ProfileColumns split = Profiler.columns(d, FeaturesConfig.reference(), asOf, new ArrayList<>(), Progress.NONE, parts);
      String as = parts + " ranges";
      assertThat(split.events).as(as).isEqualTo(one.events);
      assertThat(split.views).as(as).isEqualTo(one.views);
      assertThat(split.clicks).as(as).isEqualTo(one.clicks);
      assertThat(split.carts).as(as).isEqualTo(one.carts);
      assertThat(split.favourites).as(as).isEqualTo(one.favourites);
      assertThat(split.purchases).as(as).isEqualTo(one.purchases);
      assertThat(split.refunds).as(as).isEqualTo(one.refunds);
      assertThat(split.units).as(as).isEqualTo(one.units);
      assertThat(split.frequency).as(as).isEqualTo(one.frequency);
      assertThat(split.campaignPurchases).as(as).isEqualTo(one.campaignPurchases);
      assertThat(split.channelCounts).as(as).isEqualTo(one.channelCounts);
      assertThat(split.spend).as(as).isEqualTo(one.spend);
      assertThat(split.refundAmount).as(as).isEqualTo(one.refundAmount);
      assertThat(split.browsedPriceSum).as(as).isEqualTo(one.browsedPriceSum);
      assertThat(split.browsedPriced).as(as).isEqualTo(one.browsedPriced);
      assertThat(split.discountSum).as(as).isEqualTo(one.discountSum);
      assertThat(split.firstEvent).as(as).isEqualTo(one.firstEvent);
      assertThat(split.lastEvent).as(as).isEqualTo(one.lastEvent);
      assertThat(split.firstPurchase).as(as).isEqualTo(one.firstPurchase);
      assertThat(split.lastPurchase).as(as).isEqualTo(one.lastPurchase);
      assertThat(split.priceCuts).as(as).isEqualTo(one.priceCuts);
      assertThat(split.priceBand).as(as).isEqualTo(one.priceBand);
      assertThat(split.purchaseCycle).as(as).isEqualTo(one.purchaseCycle);
      assertThat(split.tagStart).as(as).isEqualTo(one.tagStart);
      assertThat(split.tagIds).as(as).isEqualTo(one.tagIds);
      assertThat(split.tagWeights).as(as).isEqualTo(one.tagWeights);
      assertThat(split.focus).as(as).isEqualTo(one.focus);
    }
  }
}
