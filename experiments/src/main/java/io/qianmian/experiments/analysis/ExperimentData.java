package io.qianmian.experiments.analysis;

import io.qianmian.experiments.analysis.OffPolicy.LoggedRequest;
import io.qianmian.experiments.log.EventLogReader;
import java.util.List;

/**
 * Everything the analysis needs of one experiment, joined from the log: units per variant, the
 * segment names, and the logged requests for off-policy evaluation.
 *
 * @param experimentId the experiment
 * @param variants the variants with their units
 * @param segments segment names, indexed by {@link VariantUnits#segment()}
 * @param mixedUnits units seen in more than one variant, left out
 * @param attributedOutcomes outcomes joined to an exposure of the experiment
 * @param unattributedOutcomes outcomes of the experiment's units that joined to none
 * @param requests logged requests with their clicks (empty unless off-policy evaluation was asked)
 * @param log what reading the log found
 * @param prePeriod what reading the pre-period log found, or null without one
 */
record ExperimentData(
    String experimentId,
    List<VariantUnits> variants,
    List<String> segments,
    long mixedUnits,
    long attributedOutcomes,
    long unattributedOutcomes,
    List<LoggedRequest> requests,
    EventLogReader.Summary log,
    EventLogReader.Summary prePeriod) {

  boolean hasPrePeriod() {
    return !variants.isEmpty() && variants.getFirst().preRevenue() != null;
  }
}
