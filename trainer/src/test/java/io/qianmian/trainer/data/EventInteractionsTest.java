package io.qianmian.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.data.Dataset;
import io.qianmian.trainer.model.Interactions;
import java.time.Duration;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class EventInteractionsTest {
  private static final long DAY = Duration.ofDays(1).toMillis();

  // Users u0, u1 and items i0, i1, i2 get indexes in order of first sight.
  private final Dataset log =
      TinyLog.of(
          "u0 i0 view 1000",
          "u0 i1 impression 1001",
          "u1 i2 add-to-cart 1002",
          "u0 i0 purchase 1003",
          "u0 i0 view 1004",
          "u1 i2 purchase 1005",
          "u1 i0 favourite 1006",
          "u1 i2 refund 1007",
          "u1 i1 click 1008");

  @Test
  void sumsDefaultWeightsPerPairAndSortsRows() {
    Interactions x = EventInteractions.weighted(log, EventWeights.DEFAULTS, TimeDecay.NONE);

    assertThat(x.userCount()).isEqualTo(2);
    assertThat(x.itemCount()).isEqualTo(3);
    assertThat(x.rowStart()).containsExactly(0, 1, 4);
    // u0: i0 = view 1 + purchase 5 + view 1; i1 was only an impression (weight 0), so it is absent.
    // u1: i0 = favourite 2, i1 = click 1, i2 = cart 3 + purchase 5 − refund 5.
    assertThat(x.items()).containsExactly(0, 0, 1, 2);
    assertThat(x.values()).containsExactly(7f, 2f, 1f, 3f);
  }

  @Test
  void floorsRefundedPairsAtZero() {
    Dataset refunded = TinyLog.of("u0 i0 purchase 1", "u0 i0 refund 2", "u0 i0 refund 3", "u0 i1 view 4");
    Interactions x = EventInteractions.weighted(refunded, EventWeights.DEFAULTS, TimeDecay.NONE);

    assertThat(x.items()).containsExactly(1);
    assertThat(x.values()).containsExactly(1f);
  }

  @Test
  void halvesAnEventOneHalfLifeOldAndKeepsLaterEventsWhole() {
    Dataset d = TinyLog.of("u0 i0 purchase 0", "u0 i1 purchase " + 10 * DAY, "u0 i2 view " + 30 * DAY);
    Interactions x = EventInteractions.weighted(d, EventWeights.DEFAULTS, TimeDecay.of(Duration.ofDays(10), 20 * DAY));

    // i0 is two half-lives old: 5/4; i1 one half-life: 5/2; i2 lies after the reference: 1.
    assertThat(x.values()[0]).isCloseTo(1.25f, within(1e-5f));
    assertThat(x.values()[1]).isCloseTo(2.5f, within(1e-5f));
    assertThat(x.values()[2]).isEqualTo(1f);
  }

  @Test
  void usesOnlyTheSelectedRows() {
    BitSet rows = new BitSet();
    rows.set(0, 4); // the first four events only
    Interactions x = EventInteractions.weighted(log, rows, EventWeights.DEFAULTS, TimeDecay.NONE);

    assertThat(x.rowStart()).containsExactly(0, 1, 2);
    assertThat(x.items()).containsExactly(0, 2);
    assertThat(x.values()).containsExactly(6f, 3f);
  }

  @Test
  void positivesAreOnePerPairWithAMatchingRow() {
    Interactions p = EventInteractions.positives(log, PositiveRule.PURCHASES);

    assertThat(p.rowStart()).containsExactly(0, 1, 2);
    assertThat(p.items()).containsExactly(0, 2);
    assertThat(p.values()).containsExactly(1f, 1f);
  }

  @Test
  void positivesCanRequireAQuantityLikeARating() {
    Dataset ratings = TinyLog.of("u0 i0 view 1 5", "u0 i1 view 2 3", "u0 i2 view 3 4", "u0 i1 view 4 2");
    Interactions p = EventInteractions.positives(ratings, PositiveRule.parse("view,quantity>=4"));

    assertThat(p.items()).containsExactly(0, 2);
  }

  @Test
  void emptyLogGivesEmptyRows() {
    Interactions x = EventInteractions.weighted(TinyLog.of(), EventWeights.DEFAULTS, TimeDecay.NONE);

    assertThat(x.nonZeros()).isZero();
    assertThat(x.rowStart()).containsExactly(0);
  }
}
