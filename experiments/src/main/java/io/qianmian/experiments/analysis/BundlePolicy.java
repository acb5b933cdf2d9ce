package io.qianmian.experiments.analysis;

import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.Exposure.ShownItem;
import io.qianmian.trainer.bundle.ModelBundle;
import io.qianmian.trainer.bundle.UserCandidates;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ranking a trained model bundle stands for, as a candidate policy to estimate off-policy: for
 * a logged request, the shopper's precomputed candidates (the trained models' own ranking), then
 * their segment's popular items, then the store's, leaving out what they bought too recently at the
 * request's time, no item twice. A shopper the bundle does not know gets the lists of the segment the
 * request was logged with. Deterministic: the item at rank k is shown in slot k with probability 1.
 *
 * <p>It leaves out what only the live server adds (the session's neighbors, k-NN completion,
 * diversity, the request's filters), so it estimates the trained lists themselves. Not thread-safe:
 * it keeps the ranking of the request it was last asked about, since the estimator asks about every
 * slot of one request in turn.
 */
public final class BundlePolicy implements Policy {
  private final ModelBundle bundle;
  private Exposure lastContext;
  private int[] lastRanking;

  private BundlePolicy(ModelBundle bundle) {
    this.bundle = bundle;
  }

  /** The policy of {@code bundle}'s lists. */
  public static BundlePolicy of(ModelBundle bundle) {
    return new BundlePolicy(bundle);
  }

  @Override
  public String name() {
    return "bundle " + bundle.version();
  }

  @Override
  public double probability(Exposure context, String itemId, int position) {
    int[] ranking = rankingFor(context);
    return position < ranking.length && ranking[position] == bundle.items().indexOrMinusOne(itemId) ? 1 : 0;
  }

  /** The bundle's ranking for the logged request, as deep as the deepest slot it logged. */
  int[] rankingFor(Exposure context) {
    if (context != lastContext) {
      int depth = 0;
      for (ShownItem s : context.items()) {
        depth = Math.max(depth, s.position() + 1);
      }
      lastRanking = rank(context, depth);
      lastContext = context;
    }
    return lastRanking;
  }

  private int[] rank(Exposure context, int depth) {
    int user = bundle.users().indexOrMinusOne(context.userId());
    ItemFilter bought = user < 0 ? ItemFilter.NONE : bundle.purchaseExclusions(user, context.time());
    List<ScoredItems> lists = new ArrayList<>(3);
    if (user >= 0) {
      bundle.userCandidates(user).map(UserCandidates::items).ifPresent(lists::add);
    }
    Optional<String> segment = user >= 0 ? bundle.segmentOf(user) : Optional.ofNullable(context.segment());
    segment.flatMap(bundle::popularInSegment).ifPresent(lists::add);
    lists.add(bundle.popular());
    int[] ranking = new int[depth];
    int n = 0;
    for (ScoredItems list : lists) {
      for (int k = 0; k < list.size() && n < depth; k++) {
        int item = list.items()[k];
        if (!bought.excludes(item) && !contains(ranking, n, item)) {
          ranking[n++] = item;
        }
      }
    }
    return n == depth ? ranking : Arrays.copyOf(ranking, n);
  }

  /** A linear scan: rankings are a page deep, so this beats a set. */
  private static boolean contains(int[] ranking, int n, int item) {
    for (int k = 0; k < n; k++) {
      if (ranking[k] == item) {
        return true;
      }
    }
    return false;
  }
}
