package io.qianmian.serving.rank;

import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Bundle;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.session.Session;
import io.qianmian.trainer.bundle.UserCandidates;
import io.qianmian.trainer.model.ScoredItems;

/**
 * A user's candidates, never the whole catalog: the list the trainer precomputed, neighbors of the
 * items in the live session, a k-NN search over item factors when the precomputed list is stale or
 * the session has moved on, and the segment's and store's popular lists; fused by reciprocal rank,
 * then re-ranked by the user's factors (with the session folded in).
 */
final class CandidateGenerator {
  static final String SESSION = "session";
  static final String FACTORS = "als";
  static final String POPULAR = "popular";
  static final String SEGMENT_PREFIX = "segment:";

  private final ServingConfig.Recommendations cfg;

  CandidateGenerator(ServingConfig.Recommendations cfg) {
    this.cfg = cfg;
  }

  Candidates generate(Model m, int u, Session session, Policy policy) {
    ServingConfig.SourceWeights w = policy.weights();
    if (!policy.personalized()) {
      // Store-wide lists only: the same for everyone, so the control of the holdout stays clean.
      u = -1;
      session = Session.EMPTY;
    }
    int per = cfg.candidatesPerSource();
    Fusion f = Fusion.take(cfg.fusionK(), 3 * per); // the precomputed, segment and store lists overlap little
    try {
      return generate(m, u, session, w, per, f);
    } finally {
      f.give();
    }
  }

  private Candidates generate(Model m, int u, Session session, ServingConfig.SourceWeights w, int per, Fusion f) {
    Bundle b = m.bundle();

    int[] recent = sessionItems(m, session.interest(), cfg.sessionItems());
    float[] user = m.userVector(u);
    boolean userVector = user != null;
    float[] query = factorQuery(m, user, recent);
    float[] rerankQuery = w.factors() > 0 ? query : null;

    int precomputed = 0;
    UserCandidates own = u >= 0 ? b.candidates(u).orElse(null) : null;
    if (own != null) {
      precomputed = own.items().size();
      byte reason = f.reason(own.model());
      // The factor model's own list already holds its inner products with the user's vector.
      float scale = rerankQuery != null && recent.length == 0 && FACTORS.equals(own.model())
          ? m.scoreScale(rerankQuery, own.items()) : Float.NaN;
      if (Float.isNaN(scale)) {
        addList(f, own.items(), per, w.precomputed(), reason);
      } else {
        float[] dots = own.items().scores().clone();
        for (int r = 0; r < dots.length; r++) {
          dots[r] *= scale;
        }
        addList(f, own.items(), per, w.precomputed(), reason, dots);
      }
    }

    if (recent.length > 0 && w.session() > 0) {
      byte reason = f.reason(SESSION);
      for (int j = 0; j < recent.length; j++) {
        // The most recent items count most: a shopper's intent drifts within a visit.
        addList(f, b.similarItems(recent[j]), cfg.neighborsPerItem(), w.session() / (1 + j), reason);
      }
    }

    boolean stale = userVector && precomputed < cfg.minPrecomputed();
    if (query != null && (stale || recent.length > 0) && w.knn() > 0) {
      addList(f, m.nearest(query, per), per, w.knn(), f.reason(userVector ? FACTORS : SESSION));
    }

    int segment = u >= 0 ? b.segmentOf(u) : -1;
    if (segment >= 0 && w.segment() > 0) {
      addShared(f, m, m.popularInSegment(segment), per, w.segment(), f.reason(SEGMENT_PREFIX + b.segments().get(segment)), rerankQuery);
    }
    if (w.popular() > 0) {
      addShared(f, m, m.popular(), per, w.popular(), f.reason(POPULAR), rerankQuery);
    }
    if (rerankQuery != null && f.size() > 0) {
      rerank(f, m, query, w.factors(), f.reason(userVector ? FACTORS : SESSION));
    }
    return f.toCandidates(cfg.maxCandidates());
  }

  /** Adds each candidate's rank by inner product with the query as one more fused source. */
  private static void rerank(Fusion f, Model m, float[] query, float weight, byte reason) {
    int n = f.size();
    float[] dots = f.floats(n);
    float min = Float.MAX_VALUE;
    for (int s = 0; s < n; s++) {
      float known = f.dot(s);
      dots[s] = Float.isNaN(known) ? m.dot(query, f.item(s)) : known;
      min = Math.min(min, dots[s]);
    }
    // Shift to non-negative so the boxed-free order (which sorts positive floats) applies.
    for (int s = 0; s < n; s++) {
      dots[s] -= min;
    }
    int[] order = f.sort(dots, n);
    for (int r = 0; r < n; r++) {
      f.add(f.item(order[r]), r, weight, reason);
    }
  }

  /**
   * The vector to search and re-rank with: the user's factors and the session's items (recent ones
   * weighing more), each part scaled to unit length so neither drowns the other; null without
   * factors.
   */
  private static float[] factorQuery(Model m, float[] user, int[] recent) {
    if (m.rank() == 0) {
      return null;
    }
    float[] q = null;
    if (user != null) {
      q = user;
      normalize(q);
    }
    if (recent.length > 0) {
      float[] s = new float[m.rank()];
      for (int j = 0; j < recent.length; j++) {
        m.addItemVector(s, recent[j], 1f / (1 + j));
      }
      if (normalize(s)) {
        if (q == null) {
          q = s;
        } else {
          for (int k = 0; k < q.length; k++) {
            q[k] += s[k];
          }
        }
      }
    }
    return q;
  }

  private static boolean normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    if (sum == 0) {
      return false;
    }
    float inv = (float) (1 / Math.sqrt(sum));
    for (int k = 0; k < v.length; k++) {
      v[k] *= inv;
    }
    return true;
  }

  /**
   * Adds a shared list; with a re-ranking query, notes each item's inner product with it, computed
   * from the list's own compact copy of the factors (for the whole list: cheaper than cutting it).
   */
  private static void addShared(Fusion f, Model m, Model.SharedList shared, int limit, float weight, byte reason, float[] query) {
    if (query == null) {
      addList(f, shared.list(), limit, weight, reason);
    } else {
      addList(f, shared.list(), limit, weight, reason, m.dots(query, shared));
    }
  }

  /** As {@link #addList(Fusion, ScoredItems, int, float, byte)}, noting each item's inner product ({@code dots}, in list order). */
  private static void addList(Fusion f, ScoredItems list, int limit, float weight, byte reason, float[] dots) {
    for (int r = 0, n = Math.min(limit, list.size()); r < n; r++) {
      f.add(list.items()[r], r, weight, reason, dots[r]);
    }
  }

  private static void addList(Fusion f, ScoredItems list, int limit, float weight, byte reason) {
    int n = Math.min(limit, list.size());
    for (int r = 0; r < n; r++) {
      f.add(list.items()[r], r, weight, reason);
    }
  }

  /** The session's items the model knows, most recent first, at most {@code max}. */
  static int[] sessionItems(Model m, String[] ids, int max) {
    int[] out = new int[Math.min(max, ids.length)];
    int n = 0;
    for (int k = 0; k < ids.length && n < out.length; k++) {
      int i = m.item(ids[k]);
      if (i >= 0) {
        out[n++] = i;
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }
}
