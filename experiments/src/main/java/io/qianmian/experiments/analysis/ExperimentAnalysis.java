package io.qianmian.experiments.analysis;

import io.qianmian.experiments.analysis.AnalysisReport.AttributionReport;
import io.qianmian.experiments.analysis.AnalysisReport.ComparisonReport;
import io.qianmian.experiments.analysis.AnalysisReport.CupedMetric;
import io.qianmian.experiments.analysis.AnalysisReport.CupedReport;
import io.qianmian.experiments.analysis.AnalysisReport.LogReport;
import io.qianmian.experiments.analysis.AnalysisReport.OffPolicyReport;
import io.qianmian.experiments.analysis.AnalysisReport.SegmentReport;
import io.qianmian.experiments.analysis.AnalysisReport.SrmReport;
import io.qianmian.experiments.analysis.AnalysisReport.TimelinePoint;
import io.qianmian.experiments.analysis.AnalysisReport.VariantReport;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Analyses one experiment from the event log: per-variant metrics with intervals, every treatment
 * against the control (two-proportion z-test for conversion, Welch's t-test for revenue per user,
 * delta-method z-tests for the ratio metrics CTR and AOV; lifts with Fieller intervals), the
 * sample-ratio-mismatch check, CUPED
 * with a pre-period log, a per-segment breakdown with Benjamini–Hochberg q-values, cumulative lift
 * over time, and off-policy estimates of a candidate ranking.
 *
 * <pre>{@code
 * AnalysisReport report = ExperimentAnalysis.run(AnalysisOptions.builder(logDir, "demo-homepage").build(), progress);
 * ReportWriter.write(report, outDir); // report.json + report.html
 * }</pre>
 */
public final class ExperimentAnalysis {
  /** The p-value below which a sample ratio counts as mismatched (strict: the check runs on every analysis). */
  public static final double SRM_THRESHOLD = 0.001;

  static final String CONVERSION = "conversionRate";
  static final String REVENUE = "revenuePerUser";
  static final String CTR = "ctr";
  static final String AOV = "aov";
  private static final int MAX_SEGMENTS = 50;
  private static final int MAX_TIMELINE_POINTS = 400;

  private ExperimentAnalysis() {}

  /**
   * Reads the log and analyses the experiment.
   *
   * @throws IllegalArgumentException when the log has no exposure of the experiment, or the control
   *     variant has none
   */
  public static AnalysisReport run(AnalysisOptions options, Progress progress) throws IOException {
    ExperimentData data =
        LogJoin.read(options.log(), options.experiment(), options.prePeriod(), options.attribution(), options.candidate() != null, progress);
    return analyze(data, options);
  }

  static AnalysisReport analyze(ExperimentData data, AnalysisOptions options) {
    List<String> warnings = new ArrayList<>();
    double alpha = options.alpha();
    String control = control(data, options, warnings);
    List<VariantUnits> variants = new ArrayList<>(data.variants());
    variants.sort(Comparator.comparing((VariantUnits v) -> !v.variant().equals(control)).thenComparing(VariantUnits::variant));
    VariantUnits c = variants.getFirst();
    List<VariantUnits> treatments = variants.subList(1, variants.size());

    List<VariantReport> variantReports = variants.stream().map(v -> variantReport(v, alpha)).toList();
    List<ComparisonReport> comparisons = new ArrayList<>();
    for (VariantUnits t : treatments) {
      comparisons.addAll(compare(c, t, alpha, true));
    }
    SrmReport srm = srm(variants, options.expectedShares(), warnings);
    CupedReport cuped = data.hasPrePeriod() ? cuped(c, treatments, alpha) : null;
    List<SegmentReport> segments = segments(data.segments(), c, treatments, alpha);
    OffPolicyReport offPolicy = options.candidate() == null ? null : offPolicy(data, options);
    List<TimelinePoint> timeline = timeline(c, treatments, alpha);

    if (data.log().malformedLines() > 0) {
      warnings.add(data.log().malformedLines() + " malformed log lines were skipped (see log.malformed)");
    }
    if (data.mixedUnits() > 0) {
      warnings.add(data.mixedUnits() + " users were exposed to more than one variant and were left out");
    }
    if (offPolicy != null && offPolicy.effectiveSampleSize() < 100) {
      warnings.add(String.format(java.util.Locale.ROOT,
          "the candidate agrees with the logged items in %,d of %,d slots (effective sample size %.0f): its off-policy estimate says little",
          offPolicy.matchedSlots(), offPolicy.slots(), offPolicy.effectiveSampleSize()));
    }
    if (treatments.isEmpty()) {
      warnings.add("only the control '" + control + "' has units: nothing to compare");
    }
    AttributionReport attribution =
        new AttributionReport(
            options.attribution().mode().toString(),
            options.attribution().window().toSeconds(),
            data.attributedOutcomes(),
            data.unattributedOutcomes(),
            data.mixedUnits());
    return new AnalysisReport(
        data.experimentId(), control, alpha, attribution, logReport(data), variantReports, comparisons, srm, cuped, segments, offPolicy, timeline, warnings);
  }

  private static String control(ExperimentData data, AnalysisOptions options, List<String> warnings) {
    List<String> names = data.variants().stream().map(VariantUnits::variant).sorted().toList();
    String wanted = options.control();
    if (wanted != null) {
      if (!names.contains(wanted)) {
        throw new IllegalArgumentException(
            "control variant '" + wanted + "' has no units in experiment '" + data.experimentId() + "'; variants with units: " + names);
      }
      return wanted;
    }
    for (String usual : List.of("control", "holdout")) {
      if (names.contains(usual)) {
        return usual;
      }
    }
    warnings.add("no variant is named control and none was configured; '" + names.getFirst() + "' is used as the control");
    return names.getFirst();
  }

  private static VariantReport variantReport(VariantUnits v, double alpha) {
    double z = Distributions.zCritical(alpha);
    Estimate conversion = Estimate.proportion(v.conversions(), v.units(), z);
    Estimate revenue = Estimate.mean(Sample.of(v.revenue()), alpha);
    Estimate ctr = Estimate.ratio(v.clickedExposures(), v.exposures(), z);
    Estimate aov = Estimate.ratio(v.revenue(), v.orders(), z);
    return new VariantReport(
        v.variant(),
        v.units(),
        (long) VariantUnits.sum(v.exposures()),
        (long) VariantUnits.sum(v.clickedExposures()),
        ctr.value(),
        ctr.ci(),
        v.conversions(),
        conversion.value(),
        conversion.ci(),
        VariantUnits.sum(v.revenue()),
        revenue.value(),
        revenue.ci(),
        (long) VariantUnits.sum(v.orders()),
        aov.value(),
        aov.ci());
  }

  /** The treatment against the control on conversion and revenue per user (and CTR and AOV when {@code ratios}). */
  static List<ComparisonReport> compare(VariantUnits c, VariantUnits t, double alpha, boolean ratios) {
    List<ComparisonReport> out = new ArrayList<>();
    out.add(report(t.variant(), c.variant(), CONVERSION, TwoSample.proportions(c.conversions(), c.units(), t.conversions(), t.units(), alpha), alpha));
    out.add(report(t.variant(), c.variant(), REVENUE, TwoSample.welch(Sample.of(c.revenue()), Sample.of(t.revenue()), alpha), alpha));
    if (ratios) {
      double z = Distributions.zCritical(alpha);
      out.add(
          report(t.variant(), c.variant(), CTR,
              TwoSample.estimates(Estimate.ratio(c.clickedExposures(), c.exposures(), z), Estimate.ratio(t.clickedExposures(), t.exposures(), z), alpha, "delta-method z-test"),
              alpha));
      out.add(
          report(t.variant(), c.variant(), AOV,
              TwoSample.estimates(Estimate.ratio(c.revenue(), c.orders(), z), Estimate.ratio(t.revenue(), t.orders(), z), alpha, "delta-method z-test"),
              alpha));
    }
    return out;
  }

  private static ComparisonReport report(String variant, String control, String metric, TwoSample.Result r, double alpha) {
    return new ComparisonReport(variant, control, metric, r.lift(), r.liftCi(), r.pValue(), r.difference(), r.differenceCi(), r.test(), r.pValue() < alpha, null);
  }

  /** A chi-square goodness-of-fit test of units per variant against the expected split. */
  static SrmReport srm(List<VariantUnits> variants, Map<String, Double> configured, List<String> warnings) {
    Map<String, Long> observed = new LinkedHashMap<>();
    variants.forEach(v -> observed.put(v.variant(), (long) v.units()));
    Map<String, Double> expected = new LinkedHashMap<>();
    if (configured != null && configured.keySet().containsAll(observed.keySet())) {
      configured.forEach((name, share) -> observed.putIfAbsent(name, 0L));
      observed.keySet().forEach(name -> expected.put(name, configured.get(name)));
    } else {
      if (configured != null) {
        warnings.add("the log has variants the configuration does not " + observed.keySet() + " vs " + configured.keySet() + "; the sample-ratio check assumes equal shares");
      }
      observed.keySet().forEach(name -> expected.put(name, 1.0 / observed.size()));
    }
    long total = observed.values().stream().mapToLong(Long::longValue).sum();
    List<String> names = new ArrayList<>(observed.keySet());
    names.removeIf(n -> expected.get(n) <= 0 && observed.get(n) == 0);
    if (names.size() < 2 || total == 0) {
      return new SrmReport(Double.NaN, false, SRM_THRESHOLD, Double.NaN, observed, expected);
    }
    double[] exp = new double[names.size()];
    long[] obs = new long[names.size()];
    for (int i = 0; i < exp.length; i++) {
      exp[i] = Math.max(expected.get(names.get(i)), 1e-12) * total;
      obs[i] = observed.get(names.get(i));
    }
    ChiSquareTest test = new ChiSquareTest();
    double p = test.chiSquareTest(exp, obs);
    boolean flagged = p < SRM_THRESHOLD;
    if (flagged) {
      warnings.add(String.format(java.util.Locale.ROOT,
          "sample ratio mismatch: units %s against expected shares %s (chi-square p = %.2g)%s; the assignment or the logging is broken, do not trust the comparisons",
          observed, expected, p, configured == null ? " (equal shares assumed: give the experiments configuration if the split is unequal)" : ""));
    }
    return new SrmReport(p, flagged, SRM_THRESHOLD, test.chiSquare(exp, obs), observed, expected);
  }

  private static CupedReport cuped(VariantUnits c, List<VariantUnits> treatments, double alpha) {
    List<VariantUnits> all = new ArrayList<>();
    all.add(c);
    all.addAll(treatments);
    List<CupedMetric> metrics = new ArrayList<>();
    metrics.add(cupedMetric(CONVERSION, "purchased in the pre-period", all, VariantUnits::converted, VariantUnits::prePurchased, alpha));
    metrics.add(cupedMetric(REVENUE, "revenue in the pre-period", all, VariantUnits::revenue, VariantUnits::preRevenue, alpha));
    return new CupedReport(metrics);
  }

  private static CupedMetric cupedMetric(
      String metric,
      String covariate,
      List<VariantUnits> all,
      java.util.function.Function<VariantUnits, double[]> y,
      java.util.function.Function<VariantUnits, double[]> x,
      double alpha) {
    double[][] ys = all.stream().map(y).toArray(double[][]::new);
    double[][] xs = all.stream().map(x).toArray(double[][]::new);
    double theta = Cuped.theta(ys, xs);
    double mean = Cuped.grandMean(xs);
    double[][] adjusted = new double[ys.length][];
    double rawVar = 0;
    double adjVar = 0;
    for (int g = 0; g < ys.length; g++) {
      adjusted[g] = Cuped.adjust(ys[g], xs[g], theta, mean);
      rawVar += Sample.of(ys[g]).variance() * Math.max(0, ys[g].length - 1);
      adjVar += Sample.of(adjusted[g]).variance() * Math.max(0, ys[g].length - 1);
    }
    List<ComparisonReport> comparisons = new ArrayList<>();
    Sample control = Sample.of(adjusted[0]);
    for (int g = 1; g < ys.length; g++) {
      TwoSample.Result r = TwoSample.welch(control, Sample.of(adjusted[g]), alpha);
      comparisons.add(
          new ComparisonReport(all.get(g).variant(), all.getFirst().variant(), metric, r.lift(), r.liftCi(), r.pValue(), r.difference(), r.differenceCi(),
              "Welch t-test on CUPED-adjusted values", r.pValue() < alpha, null));
    }
    return new CupedMetric(metric, covariate, theta, rawVar == 0 ? 0 : 1 - adjVar / rawVar, comparisons);
  }

  /** Conversion and revenue per user by segment; q-values across every segment, metric and treatment. */
  static List<SegmentReport> segments(List<String> names, VariantUnits c, List<VariantUnits> treatments, double alpha) {
    List<Integer> ids = new ArrayList<>();
    for (int s = -1; s < names.size(); s++) {
      ids.add(s);
    }
    // Split each variant by segment once.
    Map<Integer, List<VariantUnits>> bySegment = new LinkedHashMap<>();
    for (int s : ids) {
      List<VariantUnits> parts = new ArrayList<>();
      parts.add(c.segment(s));
      treatments.forEach(t -> parts.add(t.segment(s)));
      if (parts.stream().mapToInt(VariantUnits::units).sum() > 0) {
        bySegment.put(s, parts);
      }
    }
    if (bySegment.isEmpty() || bySegment.keySet().equals(java.util.Set.of(-1))) {
      return List.of(); // no segments were logged
    }
    List<Integer> shown =
        bySegment.keySet().stream()
            .sorted(Comparator.comparing((Integer s) -> -bySegment.get(s).stream().mapToInt(VariantUnits::units).sum()))
            .limit(MAX_SEGMENTS)
            .toList();
    List<String> segmentNames = new ArrayList<>();
    List<Map<String, Long>> units = new ArrayList<>();
    List<Map<String, Long>> conversions = new ArrayList<>();
    List<List<ComparisonReport>> raw = new ArrayList<>();
    for (int s : shown) {
      List<VariantUnits> parts = bySegment.get(s);
      VariantUnits cs = parts.getFirst();
      Map<String, Long> u = new LinkedHashMap<>();
      Map<String, Long> conv = new LinkedHashMap<>();
      List<ComparisonReport> comps = new ArrayList<>();
      for (VariantUnits part : parts) {
        u.put(part.variant(), (long) part.units());
        conv.put(part.variant(), part.conversions());
        if (part != cs) {
          comps.addAll(compare(cs, part, alpha, false));
        }
      }
      segmentNames.add(s < 0 ? "(none)" : names.get(s));
      units.add(u);
      conversions.add(conv);
      raw.add(comps);
    }
    double[] p = raw.stream().flatMap(List::stream).mapToDouble(ComparisonReport::pValue).toArray();
    double[] q = BenjaminiHochberg.adjust(p);
    List<SegmentReport> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < shown.size(); i++) {
      List<ComparisonReport> adjusted = new ArrayList<>();
      for (ComparisonReport r : raw.get(i)) {
        double qv = q[k++];
        adjusted.add(
            new ComparisonReport(r.variant(), r.control(), r.metric(), r.lift(), r.ci(), r.pValue(), r.difference(), r.differenceCi(), r.test(),
                qv <= alpha, Double.isNaN(qv) ? null : qv));
      }
      out.add(new SegmentReport(segmentNames.get(i), units.get(i), conversions.get(i), adjusted));
    }
    return out;
  }

  private static OffPolicyReport offPolicy(ExperimentData data, AnalysisOptions options) {
    OffPolicy.Result r = OffPolicy.estimate(data.requests(), options.candidate(), options.alpha());
    return new OffPolicyReport(
        options.candidate().name(), r.requests(), r.slots(), r.logged().value(), r.logged().ci(), r.ips().value(), r.ips().ci(), r.snips().value(), r.snips().ci(),
        r.effectiveSampleSize(), r.maxWeight(), r.matchedSlots());
  }

  /** Cumulative conversion lift at the end of each day (each hour when the experiment is shorter than two days). */
  static List<TimelinePoint> timeline(VariantUnits c, List<VariantUnits> treatments, double alpha) {
    List<VariantUnits> all = new ArrayList<>();
    all.add(c);
    all.addAll(treatments);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (VariantUnits v : all) {
      for (int i = 0; i < v.units(); i++) {
        first = Math.min(first, v.firstExposure()[i]);
        last = Math.max(last, v.firstExposure()[i]);
        if (v.firstPurchase()[i] != Long.MAX_VALUE) {
          last = Math.max(last, v.firstPurchase()[i]);
        }
      }
    }
    if (treatments.isEmpty() || first == Long.MAX_VALUE) {
      return List.of();
    }
    long step = last - first >= Duration.ofDays(2).toMillis() ? Duration.ofDays(1).toMillis() : Duration.ofHours(1).toMillis();
    long start = Math.floorDiv(first, step) * step;
    long periods = Math.floorDiv(last - start, step) + 1;
    step *= Math.max(1, (periods + MAX_TIMELINE_POINTS - 1) / MAX_TIMELINE_POINTS);
    List<long[]> entered = new ArrayList<>();
    List<long[]> converted = new ArrayList<>();
    for (VariantUnits v : all) {
      long[] e = v.firstExposure().clone();
      long[] p = new long[v.units()];
      for (int i = 0; i < p.length; i++) {
        // A purchase counts from the unit's entry on (a request-id join may carry an earlier clock).
        p[i] = v.firstPurchase()[i] == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(v.firstPurchase()[i], e[i]);
      }
      java.util.Arrays.sort(e);
      java.util.Arrays.sort(p);
      entered.add(e);
      converted.add(p);
    }
    List<TimelinePoint> out = new ArrayList<>();
    for (long until = start + step; until - step <= last; until += step) {
      long nC = countBefore(entered.getFirst(), until);
      long xC = countBefore(converted.getFirst(), until);
      for (int g = 1; g < all.size(); g++) {
        long nT = countBefore(entered.get(g), until);
        long xT = countBefore(converted.get(g), until);
        TwoSample.Result r = TwoSample.proportions(xC, nC, xT, nT, alpha);
        out.add(
            new TimelinePoint(Instant.ofEpochMilli(until).toString(), all.get(g).variant(), nT, nT == 0 ? Double.NaN : (double) xT / nT, nC,
                nC == 0 ? Double.NaN : (double) xC / nC, r.lift(), r.liftCi()));
      }
    }
    return out;
  }

  private static long countBefore(long[] sorted, long until) {
    int i = java.util.Arrays.binarySearch(sorted, until);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == until) {
      i--;
    }
    return i;
  }

  private static LogReport logReport(ExperimentData data) {
    var log = data.log();
    var pre = data.prePeriod();
    return new LogReport(
        log.files(), log.records(), log.malformedLines(), log.malformed().stream().map(Object::toString).toList(),
        pre == null ? null : pre.records(), pre == null ? null : pre.malformedLines());
  }
}
