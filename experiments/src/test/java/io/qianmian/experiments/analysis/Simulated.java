package io.qianmian.experiments.analysis;

import io.qianmian.experiments.log.EventLogReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Simulated experiment traffic, built directly as units (fast enough for thousands of runs). */
final class Simulated {
  static final EventLogReader.Summary NO_LOG = new EventLogReader.Summary(0, 0, 0, List.of());
  static final long T0 = 1_764_000_000_000L;

  private Simulated() {}

  /** Per-variant behaviour: conversion probability and mean order value (exponential). */
  record Arm(String name, double conversion, double orderValue) {}

  /**
   * Users are assigned to arms at random with the given shares; each converts with its arm's rate
   * and then spends an exponential order value. Pre-period revenue, when asked, is correlated.
   */
  static ExperimentData run(Random rnd, int users, double[] shares, List<Arm> arms, boolean prePeriod) {
    int k = arms.size();
    int[] counts = new int[k];
    for (int u = 0; u < users; u++) {
      double x = rnd.nextDouble();
      int a = 0;
      while (a < k - 1 && x >= shares[a]) {
        x -= shares[a];
        a++;
      }
      counts[a]++;
    }
    return run(rnd, counts, arms, prePeriod);
  }

  /** As {@link #run(Random, int, double[], List, boolean)}, with exactly {@code counts[a]} users in arm a. */
  static ExperimentData run(Random rnd, int[] counts, List<Arm> arms, boolean prePeriod) {
    int k = arms.size();
    List<VariantUnits> variants = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      int n = counts[a];
      double[] exposures = new double[n];
      double[] clicked = new double[n];
      double[] orders = new double[n];
      double[] revenue = new double[n];
      long[] first = new long[n];
      long[] purchase = new long[n];
      int[] segment = new int[n];
      double[] preRevenue = prePeriod ? new double[n] : null;
      double[] prePurchased = prePeriod ? new double[n] : null;
      Arm arm = arms.get(a);
      for (int i = 0; i < n; i++) {
        exposures[i] = 1 + rnd.nextInt(4);
        clicked[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
        first[i] = T0 + rnd.nextInt(3 * 24) * 3_600_000L;
        purchase[i] = Long.MAX_VALUE;
        segment[i] = rnd.nextInt(2);
        if (rnd.nextDouble() < arm.conversion()) {
          orders[i] = 1;
          revenue[i] = -arm.orderValue() * Math.log(1 - rnd.nextDouble());
          purchase[i] = first[i] + rnd.nextInt(3_600_000);
        }
      }
      variants.add(new VariantUnits(arm.name(), exposures, clicked, orders, revenue, first, purchase, segment, preRevenue, prePurchased));
    }
    return new ExperimentData("sim", variants, List.of("a", "b"), 0, 0, 0, List.of(), NO_LOG, null);
  }

  static ExperimentData equalSplit(Random rnd, int users, List<Arm> arms) {
    double[] shares = new double[arms.size()];
    Arrays.fill(shares, 1.0 / arms.size());
    return run(rnd, users, shares, arms, false);
  }

  static AnalysisOptions options() {
    return AnalysisOptions.builder(Path.of("unused"), "sim").build();
  }

  static long seed() {
    return Long.getLong("qianmian.seed", System.nanoTime());
  }
}
