package io.qianmian.features.profile;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.Events;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.ClusterFeature;
import io.qianmian.features.segment.Expression.Lookup;
import io.qianmian.features.segment.RuleSegment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Computes every user's profile and segments from a dataset: the work of {@code qianmian features}.
 * Only events up to the as-of time count; every user of the dataset gets a profile, also those
 * who never bought (from their views and carts) or have no events yet.
 */
public final class Profiler {
  private Profiler() {}

  /** Profiles as of the dataset's last event. */
  public static ProfileStore run(Dataset data, FeaturesConfig config, Progress progress) {
    return run(data, config, data.info().lastEvent(), progress);
  }

  /** Profiles as of {@code asOf} (epoch milliseconds); later events are ignored. */
  public static ProfileStore run(Dataset data, FeaturesConfig config, long asOf, Progress progress) {
    List<String> warnings = new ArrayList<>();
    ProfileColumns c = columns(data, config, asOf, warnings, progress);
    Segmentation.Result segments = Segmentation.run(c, config, progress);
    return ProfileStore.of(c, segments, config, data.info().source(), warnings);
  }

  /** Every profile field of every user, before segmentation. */
  static ProfileColumns columns(Dataset data, FeaturesConfig config, long asOf, List<String> warnings, Progress progress) {
    return columns(data, config, asOf, warnings, progress, EventPass.parts(data.users().size(), endRow(data.events().time(), asOf)));
  }

  /** {@link #columns(Dataset, FeaturesConfig, long, List, Progress)} with the passes over the events split in {@code parts} user ranges. */
  static ProfileColumns columns(Dataset data, FeaturesConfig config, long asOf, List<String> warnings, Progress progress, int parts) {
    Events e = data.events();
    int end = endRow(e.time(), asOf);
    ProfileColumns c = new ProfileColumns(data, asOf);
    BitSet orderStarts = new BitSet(end);
    float[] itemPrice = data.catalog().price().clone();
    EventPass.run(data, c, end, orderStarts, itemPrice, parts, progress);
    c.priceCuts = Quintiles.tertiles(itemPrice);
    derive(c, config.lifecycle());
    warnings.addAll(InterestPass.run(data, c, config.tags(), end, orderStarts, affinityLookups(config), parts, progress));
    warnings.addAll(channelWarnings(c, config));
    return c;
  }

  /** The first row after {@code asOf} (rows are sorted by time). */
  static int endRow(long[] time, long asOf) {
    int lo = 0;
    int hi = time.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (time[mid] <= asOf) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static List<Lookup> affinityLookups(FeaturesConfig config) {
    Set<Lookup> all = new LinkedHashSet<>();
    for (RuleSegment r : config.rules()) {
      all.addAll(r.condition().lookups());
    }
    for (ClusterFeature f : config.clusters().features()) {
      all.addAll(f.expression().lookups());
    }
    return all.stream().filter(l -> l.function().equals("affinity")).toList();
  }

  private static List<String> channelWarnings(ProfileColumns c, FeaturesConfig config) {
    Set<Lookup> all = new LinkedHashSet<>();
    config.rules().forEach(r -> all.addAll(r.condition().lookups()));
    config.clusters().features().forEach(f -> all.addAll(f.expression().lookups()));
    List<String> out = new ArrayList<>();
    for (Lookup l : all) {
      if (l.function().equals("share") && !List.of(c.channelNames).contains(l.value())) {
        out.add(ProfileColumns.lookupKey(l.function(), l.keyword(), l.value()) + " names no channel of the data; it is 0 for everyone");
      }
    }
    return out;
  }

  /** Scores, cells, lifecycle stages, price bands and preferred channels from the counts. */
  private static void derive(ProfileColumns c, FeaturesConfig.Lifecycle windows) {
    int n = c.users;
    boolean[] active = new boolean[n];
    double[] recency = new double[n];
    double[] frequency = new double[n];
    double[] monetary = new double[n];
    for (int u = 0; u < n; u++) {
      active[u] = c.bought(u);
      recency[u] = c.recency(u);
      frequency[u] = c.frequency[u];
      monetary[u] = c.monetary(u);
    }
    // Three sorts of every buyer's value, independent of each other: side by side.
    byte[][] scores = new byte[3][];
    IntStream.range(0, 3)
        .parallel()
        .forEach(k -> scores[k] = k == 0 ? Quintiles.scores(recency, active, false) : Quintiles.scores(k == 1 ? frequency : monetary, active, true));
    byte[] r = scores[0];
    byte[] f = scores[1];
    byte[] m = scores[2];
    System.arraycopy(r, 0, c.r, 0, n);
    System.arraycopy(f, 0, c.f, 0, n);
    System.arraycopy(m, 0, c.m, 0, n);
    int channels = c.channelNames.length;
    for (int u = 0; u < n; u++) {
      c.cell[u] = (byte) RfmCell.of(r[u], f[u]).ordinal();
      c.lifecycle[u] = (byte) lifecycle(c, u, windows).ordinal();
      c.priceBand[u] = (byte) priceBand(c.avgUnitPrice(u), c.priceCuts);
      int best = -1;
      for (int ch = 0; ch < channels; ch++) {
        int count = c.channelCounts[u * channels + ch];
        if (count > 0 && (best < 0 || count > c.channelCounts[u * channels + best])) {
          best = ch;
        }
      }
      c.channel[u] = best;
    }
  }

  static LifecycleStage lifecycle(ProfileColumns c, int u, FeaturesConfig.Lifecycle w) {
    double sinceFirstSeen = c.days(c.firstSeen(u));
    if (sinceFirstSeen <= w.newDays()) {
      return LifecycleStage.NEW;
    }
    double since = c.bought(u) ? c.recency(u) : c.days(c.lastEvent[u]);
    if (Double.isNaN(since) || since > w.atRiskDays()) {
      return LifecycleStage.CHURNED;
    }
    if (since > w.activeDays()) {
      return LifecycleStage.AT_RISK;
    }
    return c.frequency[u] >= w.loyalMinOrders() ? LifecycleStage.LOYAL : LifecycleStage.ACTIVE;
  }

  static int priceBand(double price, double[] cuts) {
    if (Double.isNaN(price) || cuts.length == 0) {
      return -1;
    }
    return price <= cuts[0] ? PriceBand.LOW.ordinal() : price <= cuts[1] ? PriceBand.MID.ordinal() : PriceBand.HIGH.ordinal();
  }
}
