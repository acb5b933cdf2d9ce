package io.qianmian.trainer.eval;

import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import java.util.Arrays;

/**
 * One division of a log: what the models learn from and what they must predict. The users with a
 * non-empty {@code test} row are the users evaluated; their {@code train} row is their history and
 * their {@code known} row the items left out of their ranking.
 *
 * @param spec the split it came from
 * @param seed the seed of a randomized split (0 otherwise)
 * @param train the training matrix (weighted events or binary positives, see {@link Protocol})
 * @param test held-out positives (1s), never an item of the same user's {@code known} row
 * @param known per user, the training items left out of the ranking: the whole training row, or
 *     only the training positives (see {@link Protocol.Exclusion})
 * @param referenceTime end of the training window, epoch milliseconds (the time-decay reference)
 */
public record Split(SplitSpec spec, long seed, Interactions train, Interactions test, Interactions known, long referenceTime) {

  /** How many users have targets. */
  public int testUsers() {
    int n = 0;
    for (int u = 0; u < test.userCount(); u++) {
      if (test.rowLength(u) > 0) {
        n++;
      }
    }
    return n;
  }

  /** The known items of user {@code u}, which rankings must skip. */
  public ItemFilter knownItems(int u) {
    int from = known.rowStart()[u];
    int to = known.rowStart()[u + 1];
    if (from == to) {
      return ItemFilter.NONE;
    }
    int[] items = known.items();
    return i -> Arrays.binarySearch(items, from, to, i) >= 0;
  }
}
