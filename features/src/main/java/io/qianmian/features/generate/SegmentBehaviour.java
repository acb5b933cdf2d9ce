package io.qianmian.features.generate;

/**
 * How the shoppers of one planted segment behave. The numbers are chosen so that each segment stands
 * apart on the usual profile features (recency, frequency, spend, order value, price band, category
 * concentration, channel share, views per cart) while staying in the range of real stores.
 *
 * @param sessionsPerDay visits per day while the shopper is active
 * @param viewsPerSession mean product views per visit (at least one)
 * @param cartRate chance that a view leads to add-to-cart
 * @param buyRate chance that a cart line is bought before the visit ends
 * @param favouriteRate chance that a view leads to a favourite
 * @param explore chance that a visit looks outside the shopper's favourite categories
 * @param minTops fewest top categories the shopper cares for
 * @param maxTops most top categories the shopper cares for
 * @param budget weight of the "budget" taste (cheap for the category)
 * @param premium weight of the "premium" taste (dear for the category)
 * @param channels weight of each {@link Channel} for visits, in declaration order
 * @param repurchase chance of buying a consumable again when its cycle comes round
 * @param ageBands weight of each of {@link #AGE_BANDS}
 */
record SegmentBehaviour(
    double sessionsPerDay,
    double viewsPerSession,
    double cartRate,
    double buyRate,
    double favouriteRate,
    double explore,
    int minTops,
    int maxTops,
    double budget,
    double premium,
    double[] channels,
    double repurchase,
    double[] ageBands) {

  static final String[] AGE_BANDS = {"18-24", "25-34", "35-44", "45-54", "55+"};

  /** Channel weights: app, web, mini-program, email, sms, ad. */
  private static double[] channels(double... w) {
    return w;
  }

  static SegmentBehaviour of(PlantedSegment s) {
    return switch (s) {
      case HIGH_VALUE -> new SegmentBehaviour(0.30, 3.5, 0.25, 0.45, 0.05, 0.08, 2, 3, 0.0, 0.6,
          channels(0.85, 0.07, 0.04, 0.02, 0.02, 0.0), 0.7, new double[] {0.08, 0.36, 0.34, 0.15, 0.07});
      case BARGAIN_HUNTER -> new SegmentBehaviour(0.30, 7.0, 0.06, 0.40, 0.02, 0.2, 2, 4, 0.85, 0.0,
          channels(0.08, 0.74, 0.04, 0.02, 0.0, 0.12), 0.5, new double[] {0.30, 0.36, 0.18, 0.10, 0.06});
      case NEW -> new SegmentBehaviour(0.7, 3.5, 0.12, 0.30, 0.02, 0.25, 1, 3, 0.15, 0.1,
          channels(0.20, 0.10, 0.10, 0.0, 0.0, 0.60), 0.3, new double[] {0.30, 0.38, 0.18, 0.09, 0.05});
      case CHURN_RISK -> new SegmentBehaviour(0.45, 3.0, 0.25, 0.45, 0.03, 0.1, 2, 3, 0.1, 0.1,
          channels(0.35, 0.30, 0.03, 0.22, 0.10, 0.0), 0.5, new double[] {0.10, 0.26, 0.30, 0.20, 0.14});
      case ENTHUSIAST -> new SegmentBehaviour(0.20, 4.0, 0.18, 0.45, 0.06, 0.02, 1, 1, 0.05, 0.25,
          channels(0.30, 0.06, 0.62, 0.02, 0.0, 0.0), 0.6, new double[] {0.22, 0.36, 0.24, 0.12, 0.06});
      case CASUAL -> new SegmentBehaviour(0.15, 6.0, 0.02, 0.06, 0.015, 0.25, 2, 4, 0.1, 0.1,
          channels(0.12, 0.16, 0.72, 0.0, 0.0, 0.0), 0.2, new double[] {0.24, 0.32, 0.22, 0.13, 0.09});
    };
  }
}
