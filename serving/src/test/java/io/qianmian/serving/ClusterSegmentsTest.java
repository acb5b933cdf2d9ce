package io.qianmian.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.profile.UserProfile;
import io.qianmian.serving.model.Model;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSegmentsTest {
  @TempDir Path dir;

  @Test
  void onlyUsersInNoRuleSegmentHaveAClusterAsTheirPrimarySegment() throws Exception {
    Path models = dir.resolve("models");
    String version = StoreFixture.publish(models, true);
    Model m = Model.of(new DirectoryBundles(models).load(version), new Model.VectorOptions(16, 100));
    m.awaitPrepared();
    for (String userId : m.bundle().users().ids()) {
      UserProfile p = m.profile(userId).orElseThrow();
      if (m.isCluster(p.primarySegment())) {
        assertThat(p.segments()).as(userId).isEmpty();
      } else {
        assertThat(p.segments()).as(userId).contains(p.primarySegment());
      }
    }
    assertThat(m.isCluster("no-such-segment")).isFalse();
  }
}
