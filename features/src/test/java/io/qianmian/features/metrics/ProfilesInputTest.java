package io.qianmian.features.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.profile.FeaturesConfig;
import io.qianmian.features.profile.ProfileStore;
import io.qianmian.features.profile.Profiler;
import io.qianmian.features.progress.Progress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Segments and RFM scores taken from a profile store of {@link SmallStore}. */
class ProfilesInputTest {
  private static final Dataset STORE = SmallStore.dataset();

  @Test
  void profileStoreGivesTheSegmentBreakdownAndTheRfmGridOfItsBuyers() {
    ProfileStore profiles = Profiler.run(STORE, FeaturesConfig.reference(), Progress.NONE);
    StoreMetrics m = MetricsCalculator.of(STORE, MetricsConfig.defaults()).profiles(profiles).compute(Progress.NONE);
    assertThat(m.segmentSizes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
    assertThat(m.breakdowns()).containsKey(Breakdown.SEGMENT);
    assertThat(m.breakdowns().get(Breakdown.SEGMENT).stream().mapToDouble(s -> s.totals().valueOrNaN(Metric.UV)).sum()).isEqualTo(4);
    // u1, u2 and u3 bought, u4 did not: three users on the grid.
    assertThat(Arrays.stream(m.rfm().users()).flatMapToLong(Arrays::stream).sum()).isEqualTo(3);
  }

  @Test
  void profileStoreOfAnotherDatasetIsRefused() {
    ProfileStore other = Profiler.run(OtherStore.tiny(), FeaturesConfig.reference(), Progress.NONE);
    assertThatThrownBy(() -> MetricsCalculator.of(STORE, MetricsConfig.defaults()).profiles(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("were the profiles made from this dataset?");
  }
}
