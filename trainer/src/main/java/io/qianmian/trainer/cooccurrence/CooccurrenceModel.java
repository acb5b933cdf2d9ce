package io.qianmian.trainer.cooccurrence;

import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained co-occurrence model. User {@code u}'s score of item {@code i} is the sum, over every
 * indicator kind and every item {@code j} in the user's history of that kind, of the similarity of
 * {@code j} as an indicator of {@code i}. Only items reached from the history are scored, so the
 * cost per user does not grow with the catalog.
 */
public final class CooccurrenceModel implements Recommender {
  private final int itemCount;
  private final RankedLists similar;
  private final List<Reverse> reverse = new ArrayList<>();
  private final ThreadLocal<Scratch> scratch;

  CooccurrenceModel(int itemCount, Map<String, CooccurrenceTrainer.Indicators> indicators) {
    this.itemCount = itemCount;
    this.similar = indicators.get("self").lists();
    for (CooccurrenceTrainer.Indicators ind : indicators.values()) {
      reverse.add(new Reverse(byIndicator(ind.lists(), itemCount), ind.history()));
    }
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(itemCount));
  }

  @Override
  public String name() {
    return "cooccurrence";
  }

  /** Each item's most similar items by primary-action co-occurrence (the bundle's neighbor lists). */
  public RankedLists similarItems() {
    return similar;
  }

  @Override
  public ScoredItems recommend(int u, int k, ItemFilter exclude) {
    Scratch s = scratch.get();
    int n = 0;
    for (Reverse r : reverse) {
      if (u >= r.history().userCount()) {
        continue;
      }
      RankedLists lists = r.lists();
      for (int e = r.history().rowStart()[u]; e < r.history().rowStart()[u + 1]; e++) {
        int j = r.history().items()[e];
        for (int f = lists.offsets()[j]; f < lists.offsets()[j + 1]; f++) {
          int i = lists.items()[f];
          if (s.score[i] == 0) {
            s.touched[n++] = i;
          }
          s.score[i] += lists.scores()[f];
        }
      }
    }
    TopK top = new TopK(k);
    for (int t = 0; t < n; t++) {
      int i = s.touched[t];
      top.offer(i, s.score[i], exclude);
      s.score[i] = 0;
    }
    return top.result();
  }

  /** Turns "item i: indicators j" into "indicator j: items i it points to", for scoring from histories. */
  private static RankedLists byIndicator(RankedLists lists, int itemCount) {
    int[] offsets = new int[itemCount + 1];
    for (int j : lists.items()) {
      offsets[j + 1]++;
    }
    for (int j = 0; j < itemCount; j++) {
      offsets[j + 1] += offsets[j];
    }
    int[] next = offsets.clone();
    int[] items = new int[lists.items().length];
    float[] scores = new float[items.length];
    for (int i = 0; i < lists.rows(); i++) {
      for (int e = lists.offsets()[i]; e < lists.offsets()[i + 1]; e++) {
        int at = next[lists.items()[e]]++;
        items[at] = i;
        scores[at] = lists.scores()[e];
      }
    }
    return new RankedLists(offsets, items, scores);
  }

  private record Reverse(RankedLists lists, io.qianmian.trainer.model.Interactions history) {}

  /** Per-thread accumulators, left zeroed after every call. */
  private static final class Scratch {
    final float[] score;
    final int[] touched;

    Scratch(int items) {
      score = new float[items];
      touched = new int[items];
    }
  }
}
