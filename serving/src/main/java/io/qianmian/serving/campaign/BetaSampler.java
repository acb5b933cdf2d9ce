package io.qianmian.serving.campaign;

import java.util.SplittableRandom;

/** Draws from Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (Marsaglia and Tsang). */
final class BetaSampler {
  private BetaSampler() {}

  static double beta(SplittableRandom rng, double a, double b) {
    double x = gamma(rng, a);
    double y = gamma(rng, b);
    return x / (x + y);
  }

  /** Gamma(shape, 1); shapes below 1 are boosted: Gamma(k) = Gamma(k + 1) × U^(1/k). */
  static double gamma(SplittableRandom rng, double shape) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = normal(rng);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** A standard normal draw (Marsaglia's polar method, one of the pair). */
  private static double normal(SplittableRandom rng) {
    while (true) {
      double u = 2 * rng.nextDouble() - 1;
      double v = 2 * rng.nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }
}
