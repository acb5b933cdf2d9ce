package io.qianmian.experiments.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The result of analysing one experiment, written as {@code report.json} (numbers that cannot be
 * computed, such as a lift over a zero baseline, are {@code null}). Units are users; every
 * interval is at the report's confidence level 1 − alpha.
 *
 * @param experiment the experiment id
 * @param control the control variant
 * @param alpha the significance level of every test
 * @param attribution how outcomes were joined to exposures
 * @param log what reading the log found (malformed lines with file and line)
 * @param variants per-variant metrics
 * @param comparisons every treatment against the control, per metric
 * @param srm the sample-ratio-mismatch check
 * @param cuped variance-reduced comparisons, or null without a pre-period log
 * @param segments per-segment comparisons with Benjamini–Hochberg q-values
 * @param offPolicy the candidate policy's off-policy estimates, or null without a candidate
 * @param timeline cumulative conversion lift over time, per treatment
 * @param warnings what a reader must know before trusting the numbers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisReport(
    String experiment,
    String control,
    double alpha,
    AttributionReport attribution,
    LogReport log,
    List<VariantReport> variants,
    List<ComparisonReport> comparisons,
    SrmReport srm,
    CupedReport cuped,
    List<SegmentReport> segments,
    OffPolicyReport offPolicy,
    List<TimelinePoint> timeline,
    List<String> warnings) {

  /** The comparison of {@code variant} with the control on {@code metric}, if made. */
  public java.util.Optional<ComparisonReport> comparison(String variant, String metric) {
    return comparisons.stream().filter(c -> c.variant().equals(variant) && c.metric().equals(metric)).findFirst();
  }

  /** The variant named {@code name}, if it had units. */
  public java.util.Optional<VariantReport> variant(String name) {
    return variants.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /**
   * How outcomes were joined.
   *
   * @param mode request, window or both
   * @param windowSeconds the window of the window join
   * @param attributedOutcomes outcomes joined to an exposure of the experiment
   * @param unattributedOutcomes outcomes of its units that joined to none
   * @param mixedUnits units seen in more than one variant, left out of everything
   */
  public record AttributionReport(String mode, long windowSeconds, long attributedOutcomes, long unattributedOutcomes, long mixedUnits) {}

  /**
   * What reading the logs found.
   *
   * @param files log files read
   * @param records records read
   * @param malformedLines lines skipped
   * @param malformed the first skipped lines as "file:line: reason"
   * @param prePeriodRecords records of the pre-period log, or null without one
   * @param prePeriodMalformedLines its lines skipped, or null
   */
  public record LogReport(int files, long records, long malformedLines, List<String> malformed, Long prePeriodRecords, Long prePeriodMalformedLines) {}

  /**
   * One variant's metrics.
   *
   * @param name the variant
   * @param units users exposed
   * @param exposures answers served to them
   * @param clickedExposures exposures with an attributed click
   * @param ctr clickedExposures / exposures (delta-method interval in ctrCi)
   * @param conversions users with an attributed order
   * @param conversionRate conversions / units
   * @param ci the conversion rate's interval (Wilson)
   * @param revenue attributed revenue, purchases minus refunds
   * @param revenuePerUser revenue / units
   * @param revenuePerUserCi its interval (t)
   * @param orders attributed orders
   * @param aov average order value, revenue / orders (delta-method interval in aovCi)
   */
  public record VariantReport(
      String name,
      long units,
      long exposures,
      long clickedExposures,
      double ctr,
      Interval ctrCi,
      long conversions,
      double conversionRate,
      Interval ci,
      double revenue,
      double revenuePerUser,
      Interval revenuePerUserCi,
      long orders,
      double aov,
      Interval aovCi) {}

  /**
   * A treatment against the control on one metric.
   *
   * @param variant the treatment
   * @param control the control
   * @param metric conversionRate, revenuePerUser, ctr or aov
   * @param lift relative difference (treatment − control) / control
   * @param ci the lift's interval (Fieller's, consistent with the interval of the difference)
   * @param pValue two-sided p-value of "no difference"
   * @param difference treatment − control
   * @param differenceCi its interval
   * @param test the test used
   * @param significant pValue below alpha
   * @param qValue Benjamini–Hochberg adjusted p-value, in segment breakdowns only
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ComparisonReport(
      String variant,
      String control,
      String metric,
      double lift,
      Interval ci,
      double pValue,
      double difference,
      Interval differenceCi,
      String test,
      boolean significant,
      Double qValue) {}

  /**
   * The sample-ratio-mismatch check: a chi-square goodness-of-fit test of the units per variant
   * against the configured split. A mismatch means the assignment or the logging is broken and the
   * comparisons cannot be trusted.
   *
   * @param pValue the test's p-value
   * @param flagged pValue below threshold
   * @param threshold 0.001
   * @param chiSquare the statistic
   * @param observed units per variant
   * @param expectedShares the split tested against
   */
  public record SrmReport(double pValue, boolean flagged, double threshold, double chiSquare, Map<String, Long> observed, Map<String, Double> expectedShares) {}

  /**
   * CUPED-adjusted comparisons.
   *
   * @param metrics per metric: the covariate, θ, the variance reduction and the comparisons
   */
  public record CupedReport(List<CupedMetric> metrics) {}

  /**
   * One metric under CUPED.
   *
   * @param metric conversionRate or revenuePerUser
   * @param covariate the pre-period value used
   * @param theta cov(Y, X) / var(X)
   * @param varianceReduction 1 − var(adjusted) / var(raw), pooled within variants
   * @param comparisons the adjusted comparisons (lift relative to the control's adjusted mean)
   */
  public record CupedMetric(String metric, String covariate, double theta, double varianceReduction, List<ComparisonReport> comparisons) {}

  /**
   * One segment's breakdown.
   *
   * @param segment the segment name ("(none)" for users without one)
   * @param units users per variant
   * @param conversions converted users per variant
   * @param comparisons the segment's comparisons, with q-values across all segments
   */
  public record SegmentReport(String segment, Map<String, Long> units, Map<String, Long> conversions, List<ComparisonReport> comparisons) {}

  /**
   * Off-policy estimates of a candidate ranking, in clicks per request (item-position model).
   *
   * @param candidate the candidate policy's name, e.g. "bundle 2026-11-25T09:00:00Z-1"
   * @param requests logged requests used
   * @param slots logged slots used
   * @param logged the logging policy's clicks per request
   * @param loggedCi its interval
   * @param ips the inverse-propensity estimate for the candidate
   * @param ipsCi its interval
   * @param snips the self-normalized estimate
   * @param snipsCi its interval
   * @param effectiveSampleSize (Σw)²/Σw² over slots
   * @param maxWeight the largest importance weight
   * @param matchedSlots slots where the candidate agrees with the logged item
   */
  public record OffPolicyReport(
      String candidate,
      long requests,
      long slots,
      double logged,
      Interval loggedCi,
      double ips,
      Interval ipsCi,
      double snips,
      Interval snipsCi,
      double effectiveSampleSize,
      double maxWeight,
      long matchedSlots) {}

  /**
   * Cumulative conversion of one treatment against the control up to the end of a period.
   *
   * @param until the period's end, ISO-8601
   * @param variant the treatment
   * @param units its units so far
   * @param conversionRate its conversion rate so far
   * @param controlUnits the control's units so far
   * @param controlConversionRate the control's conversion rate so far
   * @param lift relative conversion lift so far
   * @param ci its interval
   */
  public record TimelinePoint(
      String until,
      String variant,
      long units,
      double conversionRate,
      long controlUnits,
      double controlConversionRate,
      double lift,
      Interval ci) {}
}
