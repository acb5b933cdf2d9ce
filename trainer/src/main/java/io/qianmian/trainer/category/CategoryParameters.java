package io.qianmian.trainer.category;

/**
 * Settings of the category model ({@link CategoryTrainer}).
 *
 * @param explore share of a shopper's interest given to the store at large rather than to their own
 *     categories (the chance that their next item comes from anywhere, by popularity)
 * @param topShare share of a shopper's interest in their categories spread over the sibling
 *     categories of the same top-level category, by traffic: someone who looks at running shoes
 *     may well buy sports socks next
 * @param seen weight of the shopper's own items: their share of the shopper's interactions is added
 *     to their score, so that items looked at but not bought rank high when the ranking may hold
 *     them (re-targeting); 0 for none
 * @param perCategory items kept per category (and for the store): a ranking looks at no more
 * @param priceAffinity how strongly a shopper's price position (the mean relative price of their
 *     items, in standard deviations of log price around their categories' medians) tilts each
 *     category's ranking toward items priced like theirs; 0 for none
 */
public record CategoryParameters(double explore, double topShare, double seen, int perCategory, double priceAffinity) {
  /** Chosen on the generated store's time split (see docs/benchmarks.md). */
  public static final CategoryParameters DEFAULTS = new CategoryParameters(0.5, 0.2, 0.03, 100, 0.4);

  public CategoryParameters {
    if (!(explore >= 0 && explore <= 1)) {
      throw new IllegalArgumentException("category.explore must be between 0 and 1, was " + explore);
    }
    if (!(topShare >= 0 && topShare <= 1)) {
      throw new IllegalArgumentException("category.topShare must be between 0 and 1, was " + topShare);
    }
    if (!(seen >= 0) || Double.isInfinite(seen)) {
      throw new IllegalArgumentException("category.seen must be zero or positive, was " + seen);
    }
    if (!Double.isFinite(priceAffinity)) {
      throw new IllegalArgumentException("category.priceAffinity must be a finite number, was " + priceAffinity);
    }
    if (perCategory < 1) {
      throw new IllegalArgumentException("category.perCategory must be at least 1, was " + perCategory);
    }
  }
}
