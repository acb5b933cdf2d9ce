package io.qianmian.serving.campaign;

import java.util.random.RandomGenerator;

/**
 * Draws from one Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). A request draws each
 * posterior hundreds of times, so the constants of a shape are computed once here, and the draws
 * use the generator's ziggurat normal and exponential (a few table look-ups, rarely a logarithm)
 * rather than the polar method (a logarithm, a square root and a division per normal).
 */
final class BetaSampler {
  private final Gamma x;
  private final Gamma y;
  /** a / (a + b): the chance of 1 in the limit where both draws underflow to 0 (tiny shapes). */
  private final double oneIfUnderflow;

  /**
   * @param a positive
   * @param b positive
   */
  BetaSampler(double a, double b) {
    this.x = new Gamma(a);
    this.y = new Gamma(b);
    this.oneIfUnderflow = a / (a + b);
  }

  double draw(RandomGenerator rng) {
    double gx = x.draw(rng);
    double gy = y.draw(rng);
    double sum = gx + gy;
    if (sum == 0) {
      // Only for shapes far below 1, where Beta(a, b) puts nearly all its mass at 0 and 1.
      return rng.nextDouble() < oneIfUnderflow ? 1 : 0;
    }
    return gx / sum;
  }

  /**
   * Gamma(shape, 1). Shape 1 is the exponential distribution; above 1, Marsaglia and Tsang's
   * squeeze-and-reject method (most draws accepted by the squeeze, without a logarithm); below 1,
   * boosted: Gamma(k) = Gamma(k + 1) × U^(1/k).
   */
  static final class Gamma {
    private final boolean exponential;
    private final double d;
    private final double c;
    /** 1/shape when the shape is below 1 (boosted), else 0. */
    private final double boost;

    Gamma(double shape) {
      if (!(shape > 0 && Double.isFinite(shape))) {
        throw new IllegalArgumentException("gamma shape must be positive, got " + shape);
      }
      this.exponential = shape == 1;
      double s = shape < 1 ? shape + 1 : shape;
      this.d = s - 1.0 / 3;
      this.c = 1 / Math.sqrt(9 * d);
      this.boost = shape < 1 ? 1 / shape : 0;
    }

    double draw(RandomGenerator rng) {
      if (exponential) {
        return rng.nextExponential();
      }
      double g = marsagliaTsang(rng);
      return boost == 0 ? g : g * Math.pow(rng.nextDouble(), boost);
    }

    private double marsagliaTsang(RandomGenerator rng) {
      while (true) {
        double z = rng.nextGaussian();
        double v = 1 + c * z;
        if (v <= 0) {
          continue;
        }
        v = v * v * v;
        double u = rng.nextDouble();
        double z2 = z * z;
        if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
          return d * v;
        }
      }
    }
  }
}
