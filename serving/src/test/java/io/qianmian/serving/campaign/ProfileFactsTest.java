package io.qianmian.serving.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.profile.LifecycleStage;
import io.qianmian.features.profile.PriceBand;
import io.qianmian.features.profile.RfmCell;
import io.qianmian.features.profile.UserProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileFactsTest {
  @Test
  void servedProfileGivesRfmLifecycleTagsChannelsAndDemographics() {
    UserProfile p = new UserProfile("u1", new UserProfile.Rfm(12.0, 4, 300, 4, 3, 5, RfmCell.values()[0]), LifecycleStage.values()[0],
        List.of("high-value"), "high-value", "cluster-2",
        List.of(new UserProfile.Tag("Books > Fiction", "category", 0.25), new UserProfile.Tag("Books > Science", "category", 0.25),
            new UserProfile.Tag("Home", "category", 0.5), new UserProfile.Tag("Acme", "brand", 0.7)),
        75.0, PriceBand.values()[2], 20.0, "app", Map.of("app", 0.8, "web", 0.2), new UserProfile.Demographics("f", "25-34", "Shanghai", null));
    ProfileFacts f = ProfileFacts.of(p);

    assertThat(f.number("r").applyAsDouble(0)).isEqualTo(4);
    assertThat(f.number("m").applyAsDouble(0)).isEqualTo(5);
    assertThat(f.number("recency").applyAsDouble(0)).isEqualTo(12);
    assertThat(f.number("aov").applyAsDouble(0)).isEqualTo(75);
    assertThat(f.number("views").applyAsDouble(0)).isNaN();
    assertThat(f.text("lifecycle").apply(0)).isEqualTo(LifecycleStage.values()[0].wireName());
    assertThat(f.text("cell").apply(0)).isEqualTo(RfmCell.values()[0].wireName());
    assertThat(f.text("region").apply(0)).isEqualTo("Shanghai");
    assertThat(f.text("channel").apply(0)).isEqualTo("app");
    // affinity(category "Books") sums Books and everything below it; a step name matches too.
    assertThat(f.lookup("affinity", "category", "Books").applyAsDouble(0)).isEqualTo(0.5);
    assertThat(f.lookup("affinity", "category", "Fiction").applyAsDouble(0)).isEqualTo(0.25);
    assertThat(f.lookup("affinity", "category", "Garden").applyAsDouble(0)).isZero();
    assertThat(f.lookup("affinity", "brand", "Acme").applyAsDouble(0)).isEqualTo(0.7);
    assertThat(f.lookup("share", "channel", "web").applyAsDouble(0)).isEqualTo(0.2);
  }
}
