package io.qianmian.trainer.popularity;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.Events;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ScoredItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fallback lists of a bundle: what is popular in the store, lately, in each category and in
 * each segment. Popularity is the number of users who interacted with an item (so one shopper's
 * hundred clicks count once); trending is the time-decayed weight of recent events.
 *
 * @param global most popular items of the store
 * @param trending recently popular items
 * @param byCategory one list per category index of the dataset, counting the items of the category
 *     and of its subcategories
 * @param bySegment one list per segment name, counting only the segment's users; empty without
 *     segments
 */
public record PopularityTables(ScoredItems global, ScoredItems trending, RankedLists byCategory, Optional<RankedLists> bySegment) {

  /**
   * Settings of the popularity lists.
   *
   * @param listLength items per list
   * @param trendingWindowDays only events this recent (before the last event) count for trending
   * @param trendingHalfLifeDays an event's trending weight halves every this many days
   */
  public record Parameters(int listLength, double trendingWindowDays, double trendingHalfLifeDays) {
    public static final Parameters DEFAULTS = new Parameters(100, 30, 7);

    public Parameters {
      if (listLength < 1) {
        throw new IllegalArgumentException("popularity.listLength must be at least 1, was " + listLength);
      }
      if (!(trendingWindowDays > 0) || !(trendingHalfLifeDays > 0)) {
        throw new IllegalArgumentException("popularity.trendingWindowDays and trendingHalfLifeDays must be positive");
      }
    }
  }

  /**
   * Builds the tables.
   *
   * @param data the dataset (events for trending, catalog for categories)
   * @param train its interactions (who interacted with what)
   * @param eventWeight weight of each event type by {@code EventType.code()} for trending
   * @param segments each user's segment, if known
   */
  public static PopularityTables build(Dataset data, Interactions train, float[] eventWeight, Optional<SegmentAssignment> segments, Parameters p) {
    int n = train.itemCount();
    float[] users = new float[n];
    for (int item : train.items()) {
      users[item]++;
    }
    ScoredItems global = top(users, p.listLength());
    ScoredItems trending = top(trending(data.events(), n, eventWeight, p), p.listLength());
    RankedLists byCategory = byCategory(data.catalog(), data.categories().size(), users, p.listLength());
    Optional<RankedLists> bySegment = segments.map(s -> bySegment(train, s, p.listLength()));
    return new PopularityTables(global, trending, byCategory, bySegment);
  }

  private static float[] trending(Events e, int items, float[] eventWeight, Parameters p) {
    float[] score = new float[items];
    if (e.size() == 0) {
      return score;
    }
    long last = e.time()[e.size() - 1];
    double day = 86_400_000.0;
    long from = last - (long) (p.trendingWindowDays() * day);
    double perMilli = Math.log(2) / (p.trendingHalfLifeDays() * day);
    // Events are sorted by time: walk back from the end until the window closes.
    for (int r = e.size() - 1; r >= 0 && e.time()[r] >= from; r--) {
      int i = e.item()[r];
      float w = eventWeight[e.type()[r]];
      if (i >= 0 && w > 0) {
        score[i] += (float) (w * Math.exp(-(last - e.time()[r]) * perMilli));
      }
    }
    return score;
  }

  private static RankedLists byCategory(Catalog c, int categories, float[] users, int length) {
    // Each item counts in its category and every ancestor: members per category in compressed rows.
    int[] start = new int[categories + 1];
    for (int i = 0; i < users.length; i++) {
      if (users[i] > 0) {
        for (int k = c.category()[i]; k >= 0; k = c.categoryParent()[k]) {
          start[k + 1]++;
        }
      }
    }
    for (int k = 0; k < categories; k++) {
      start[k + 1] += start[k];
    }
    int[] next = start.clone();
    int[] members = new int[start[categories]];
    for (int i = 0; i < users.length; i++) {
      if (users[i] > 0) {
        for (int k = c.category()[i]; k >= 0; k = c.categoryParent()[k]) {
          members[next[k]++] = i;
        }
      }
    }
    List<ScoredItems> rows = new ArrayList<>(categories);
    TopK top = new TopK(length);
    for (int k = 0; k < categories; k++) {
      top.reset();
      for (int m = start[k]; m < start[k + 1]; m++) {
        top.offer(members[m], users[members[m]]);
      }
      rows.add(top.result());
    }
    return RankedLists.of(rows);
  }

  private static RankedLists bySegment(Interactions train, SegmentAssignment s, int length) {
    int segments = s.names().size();
    float[][] users = new float[segments][train.itemCount()];
    for (int u = 0; u < train.userCount(); u++) {
      int seg = s.segmentOfUser()[u];
      if (seg < 0) {
        continue;
      }
      for (int e = train.rowStart()[u]; e < train.rowStart()[u + 1]; e++) {
        users[seg][train.items()[e]]++;
      }
    }
    List<ScoredItems> rows = new ArrayList<>(segments);
    for (float[] counts : users) {
      rows.add(top(counts, length));
    }
    return RankedLists.of(rows);
  }

  /** The {@code k} best items with a positive score. */
  private static ScoredItems top(float[] score, int k) {
    TopK top = new TopK(k);
    for (int i = 0; i < score.length; i++) {
      if (score[i] > 0) {
        top.offer(i, score[i]);
      }
    }
    return top.result();
  }
}
