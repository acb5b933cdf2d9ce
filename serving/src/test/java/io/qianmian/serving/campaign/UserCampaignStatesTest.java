package io.qianmian.serving.campaign;

import static io.qianmian.serving.campaign.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UserCampaignStatesTest {
  private final Names campaigns = new Names();
  private final Names segments = new Names();
  private final UserCampaignStates states = new UserCampaignStates(campaigns, segments);

  /** What one (user, campaign) entry should hold, kept the obvious way. */
  private static final class Expected {
    final List<Long> shows = new ArrayList<>();
    int segment = -1;
    byte arm = UserCampaignStates.NO_ARM;
    long reachedAt;
  }

  private int entry(String user, int campaign) {
    UserCampaignStates.Shard s = states.shard(user);
    return s.entry(s.user(user), campaign);
  }

  @Test
  void everyUserKeepsItsOwnImpressionsThroughGrowthReordersAndTakeBacks() {
    Campaign capped = set("{'id': 'c', 'frequencyCap': {'impressions': 100, 'period': 'PT1H'}}").campaigns().getFirst();
    SplittableRandom random = new SplittableRandom(7);
    Map<String, Expected> expected = new HashMap<>();
    for (int step = 0; step < 400_000; step++) {
      // A few hundred busy users (past 100 impressions, so the oldest are dropped) among many quiet ones.
      String user = random.nextInt(4) == 0 ? "quiet-" + random.nextInt(50_000) : "busy-" + random.nextInt(300);
      int campaign = random.nextInt(3);
      long time = 1_000_000L + step * 10L - random.nextInt(3) * 25L;
      int segment = random.nextInt(4);
      UserCampaignStates.Shard s = states.shard(user);
      Expected x = expected.computeIfAbsent(user + "/" + campaign, k -> new Expected());
      int e = s.entryOrAdd(user, campaign);
      if (random.nextInt(10) == 0 && !x.shows.isEmpty()) {
        long taken = x.shows.get(random.nextInt(x.shows.size()));
        s.unshow(e, taken);
        x.shows.remove(Long.valueOf(taken));
      } else {
        boolean first = s.show(e, time, segment);
        assertThat(first).isEqualTo(x.arm == UserCampaignStates.NO_ARM);
        if (first) {
          x.arm = UserCampaignStates.TREATED;
          x.reachedAt = time;
        }
        int at = 0;
        while (at < x.shows.size() && x.shows.get(at) <= time) {
          at++;
        }
        x.shows.add(at, time);
        if (x.shows.size() > Campaign.FrequencyCap.MAX_IMPRESSIONS) {
          x.shows.removeFirst();
        }
        x.segment = segment;
      }
    }
    for (Map.Entry<String, Expected> me : expected.entrySet()) {
      String user = me.getKey().substring(0, me.getKey().indexOf('/'));
      int campaign = Integer.parseInt(me.getKey().substring(me.getKey().indexOf('/') + 1));
      Expected x = me.getValue();
      UserCampaignStates.Shard s = states.shard(user);
      int e = entry(user, campaign);
      assertThat(e).as(me.getKey()).isNotNegative();
      assertThat(s.lastShown(e)).as(me.getKey()).isEqualTo(x.shows.isEmpty() ? UserCampaignStates.NEVER : x.shows.getLast());
      assertThat(s.arm(e)).isEqualTo(x.arm);
      assertThat(s.reachedAt(e)).isEqualTo(x.reachedAt);
      assertThat(s.lastSegment(e)).isEqualTo(x.segment);
      long now = x.shows.isEmpty() ? 0 : x.shows.getLast();
      long lastHour = x.shows.stream().filter(t -> t > now - 3_600_000L).count();
      assertThat(s.allows(e, capped, now)).as(me.getKey()).isEqualTo(lastHour < 100);
    }
    assertThat(entry("never-seen", 0)).isEqualTo(-1);
  }

  @Test
  void aSnapshotReadBackIsWrittenAgainByteForByte() throws IOException {
    for (int u = 0; u < 5_000; u++) {
      String user = "u" + u;
      UserCampaignStates.Shard s = states.shard(user);
      for (int c = 0; c <= u % 3; c++) {
        int e = s.entryOrAdd(user, campaigns.code("campaign-" + c));
        for (int k = 0; k <= u % 7; k++) {
          s.show(e, 1_000L * u + k, segments.code("segment-" + (u + k) % 5));
        }
        if (u % 11 == 0) {
          s.newOrder(e, "order-" + u);
          s.convert(e);
          s.markReachConverted(e);
        }
      }
    }
    byte[] first = snapshot(states);
    UserCampaignStates read = new UserCampaignStates(new Names(), new Names());
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(first));
    int users = in.readInt();
    assertThat(users).isEqualTo(5_000);
    for (int u = 0; u < users; u++) {
      read.read(in);
    }
    assertThat(in.read()).isEqualTo(-1);
    assertThat(snapshot(read)).isEqualTo(first);
  }

  @Test
  void theSameOrderIsCountedOnceAndConversionsNeverOutnumberImpressions() {
    UserCampaignStates.Shard s = states.shard("u");
    int e = s.entryOrAdd("u", 0);
    s.show(e, 10, 0);
    assertThat(s.newOrder(e, "o-1")).isTrue();
    assertThat(s.newOrder(e, "o-1")).isFalse();
    assertThat(s.newOrder(e, "o-2")).isTrue();
    assertThat(s.convert(e)).isTrue();
    assertThat(s.convert(e)).isFalse();
  }

  private static byte[] snapshot(UserCampaignStates states) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    states.write(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
