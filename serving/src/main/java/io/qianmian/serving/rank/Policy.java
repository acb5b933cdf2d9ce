package io.qianmian.serving.rank;

import io.qianmian.experiments.assign.Assignment;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.config.ServingConfig.SourceWeights;
import java.util.List;
import java.util.Map;

/**
 * How one answer is ranked: the configured defaults, changed by the serving parameters of the
 * experiment variants the user is in. Parameters the server reads from a variant's {@code params}:
 *
 * <ul>
 *   <li>{@code personalization: false} — store-wide lists only (the global holdout's control);
 *   <li>{@code diversity} — the greatest share of one category, in [0, 1];
 *   <li>{@code exploration} — the exploration probability, in [0, 1];
 *   <li>{@code blend} or {@code weights} — source weights by name: {@code precomputed},
 *       {@code session}, {@code knn}, {@code factors}, {@code segment}, {@code popular},
 *       {@code category}; {@code als} sets both factor sources, {@code cooccurrence} the session
 *       neighbors.
 * </ul>
 *
 * Other parameters are for other parts of the server (campaign policy…) and are ignored here, as
 * are values of the wrong type.
 *
 * @param personalized whether user-specific sources are used
 * @param weights the source weights
 * @param maxCategoryShare greatest share of one category
 * @param exploration probability that a slot explores
 */
public record Policy(boolean personalized, SourceWeights weights, double maxCategoryShare, double exploration) {

  /** The configured defaults. */
  public static Policy defaults(ServingConfig.Recommendations cfg) {
    return new Policy(true, cfg.weights(), cfg.maxCategoryShare(), cfg.exploration());
  }

  /** This policy changed by the serving parameters of each assigned variant, in order. */
  public Policy with(List<Assignment> assigned) {
    Policy p = this;
    for (Assignment a : assigned) {
      p = p.with(a.params());
    }
    return p;
  }

  /** This policy changed by a variant's serving parameters. */
  public Policy with(Map<String, Object> params) {
    if (params.isEmpty()) {
      return this;
    }
    boolean personal = params.get("personalization") instanceof Boolean b ? b : personalized;
    double share = fraction(params.get("diversity"), maxCategoryShare);
    double explore = fraction(params.get("exploration"), exploration);
    SourceWeights w = weights;
    for (String key : new String[] {"weights", "blend"}) {
      if (params.get(key) instanceof Map<?, ?> m) {
        w = reweight(w, m);
      }
    }
    return new Policy(personal, w, share, explore);
  }

  private static SourceWeights reweight(SourceWeights w, Map<?, ?> m) {
    float precomputed = weight(m, "precomputed", w.precomputed());
    float session = weight(m, "cooccurrence", weight(m, "session", w.session()));
    float knn = weight(m, "als", weight(m, "knn", w.knn()));
    float factors = weight(m, "als", weight(m, "factors", w.factors()));
    return new SourceWeights(
        precomputed, session, knn, factors, weight(m, "segment", w.segment()), weight(m, "popular", w.popular()),
        weight(m, "category", w.category()));
  }

  private static float weight(Map<?, ?> m, String key, float otherwise) {
    return m.get(key) instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue())
        ? n.floatValue()
        : otherwise;
  }

  private static double fraction(Object value, double otherwise) {
    return value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1 ? n.doubleValue() : otherwise;
  }
}
