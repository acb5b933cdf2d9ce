package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.serving.campaign.LiveCampaigns.Reload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCampaignsTest {
  @TempDir Path dir;

  @Test
  void badFileIsRefusedAndTheOldCampaignsKeepServing() throws IOException {
    Path f = dir.resolve("campaigns.json");
    Files.write(f, file("{'id': 'a'}", "{'id': 'b'}"));
    LiveCampaigns live = LiveCampaigns.load(f, () -> Fixtures.SEGMENTS);
    CampaignSet before = live.current();

    Files.write(f, file("{'id': 'a'}", "{'id': 'c', 'targetSegments': ['vip']}"));
    Reload r = live.reload();

    assertThat(r.outcome()).isEqualTo(Reload.Outcome.REFUSED);
    assertThat(r.detail()).contains("campaign 'c' field 'targetSegments': unknown segment 'vip'");
    assertThat(r.campaigns()).isEqualTo(2);
    assertThat(live.current()).isSameAs(before);
  }

  @Test
  void changedFileIsSwappedInAndAnUnchangedOneIsNot() throws IOException {
    Path f = dir.resolve("campaigns.json");
    Files.write(f, file("{'id': 'a'}"));
    LiveCampaigns live = LiveCampaigns.load(f, () -> Fixtures.SEGMENTS);

    assertThat(live.reload().outcome()).isEqualTo(Reload.Outcome.UNCHANGED);
    Files.write(f, file("{'id': 'a'}", "{'id': 'b'}"));
    assertThat(live.reload().outcome()).isEqualTo(Reload.Outcome.LOADED);
    assertThat(live.current().campaigns()).extracting(Campaign::id).containsExactly("a", "b");
  }

  @Test
  void missingFileOnReloadIsRefused() throws IOException {
    Path f = dir.resolve("campaigns.json");
    Files.write(f, file("{'id': 'a'}"));
    LiveCampaigns live = LiveCampaigns.load(f, () -> null);
    Files.delete(f);

    Reload r = live.reload();
    assertThat(r.outcome()).isEqualTo(Reload.Outcome.REFUSED);
    assertThat(r.detail()).contains("does not exist");
    assertThat(live.current().size()).isEqualTo(1);
  }

  @Test
  void badFileAtLoadFailsLoudly() throws IOException {
    Path f = dir.resolve("campaigns.json");
    Files.write(f, file("{'id': 'a', 'priority': 'high'}"));
    assertThatThrownBy(() -> LiveCampaigns.load(f, () -> null))
        .isInstanceOf(CampaignFileException.class)
        .hasMessageContaining("campaigns.json line 1: campaign 'a' field 'priority': expected a whole number");
  }
}
