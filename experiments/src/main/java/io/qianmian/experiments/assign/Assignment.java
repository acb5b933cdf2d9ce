package io.qianmian.experiments.assign;

import io.qianmian.experiments.log.Exposure.ExposedVariant;
import java.util.Map;

/**
 * A user's variant in one experiment.
 *
 * @param experimentId the experiment
 * @param variant the variant's name
 * @param bucket the user's bucket in the experiment, in [0, 10,000)
 * @param params the variant's serving parameters
 */
public record Assignment(String experimentId, String variant, int bucket, Map<String, Object> params) {
  public Assignment {
    params = Map.copyOf(params);
  }

  /** The form an exposure logs it in. */
  public ExposedVariant exposed() {
    return new ExposedVariant(experimentId, variant);
  }
}
