package io.qianmian.experiments.analysis;

import io.qianmian.experiments.assign.Assignments;
import io.qianmian.experiments.assign.ExperimentsConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to analyse and how: built with {@link #builder(Path, String)}, each setter checking its
 * argument.
 *
 * @param log the event log directory
 * @param experiment the experiment id
 * @param prePeriod a log of the time before the experiment, for CUPED, or null
 * @param candidate a ranking policy to evaluate off-policy, or null
 * @param control the control variant, or null for the configured one (else "control")
 * @param expectedShares the configured split for the sample-ratio check, or null for equal shares
 * @param attribution how outcomes join exposures
 * @param alpha the significance level
 */
public record AnalysisOptions(
    Path log,
    String experiment,
    Path prePeriod,
    Policy candidate,
    String control,
    Map<String, Double> expectedShares,
    Attribution attribution,
    double alpha) {

  /** Options for analysing {@code experiment} from the log in {@code log}, with the defaults. */
  public static Builder builder(Path log, String experiment) {
    return new Builder(log, experiment);
  }

  /** Builds {@link AnalysisOptions}. */
  public static final class Builder {
    private final Path log;
    private final String experiment;
    private Path prePeriod;
    private Policy candidate;
    private String control;
    private Map<String, Double> expectedShares;
    private Attribution attribution = Attribution.DEFAULT;
    private double alpha = 0.05;

    private Builder(Path log, String experiment) {
      this.log = Objects.requireNonNull(log, "log");
      if (experiment == null || experiment.isBlank()) {
        throw new IllegalArgumentException("experiment id is required");
      }
      this.experiment = experiment;
    }

    /** A log of the time before the experiment: its outcomes become CUPED covariates. */
    public Builder prePeriod(Path dir) {
      this.prePeriod = dir;
      return this;
    }

    /** A candidate ranking policy to estimate off-policy from the logged propensities. */
    public Builder candidate(Policy policy) {
      this.candidate = policy;
      return this;
    }

    /** The control variant (default: the configured control, else "control"). */
    public Builder control(String variant) {
      this.control = variant;
      return this;
    }

    /**
     * Takes the control and the expected split (for the sample-ratio check) from the experiment's
     * configuration.
     *
     * @throws IllegalArgumentException when the configuration has no such experiment
     */
    public Builder config(ExperimentsConfig config) {
      Assignments a = Assignments.of(config);
      this.expectedShares = a.expectedShares(experiment);
      if (control == null) {
        this.control =
            config.experiment(experiment).map(ExperimentsConfig.Experiment::control).orElse(ExperimentsConfig.Holdout.HELD_OUT);
      }
      return this;
    }

    /** How outcomes join exposures (default: request id, else a 24-hour window). */
    public Builder attribution(Attribution attribution) {
      this.attribution = Objects.requireNonNull(attribution, "attribution");
      return this;
    }

    /** The significance level, in (0, 0.5] (default 0.05). */
    public Builder alpha(double alpha) {
      if (!(alpha > 0 && alpha <= 0.5)) {
        throw new IllegalArgumentException("alpha must be in (0, 0.5], got " + alpha);
      }
      this.alpha = alpha;
      return this;
    }

    public AnalysisOptions build() {
      return new AnalysisOptions(log, experiment, prePeriod, candidate, control, expectedShares, attribution, alpha);
    }
  }
}
