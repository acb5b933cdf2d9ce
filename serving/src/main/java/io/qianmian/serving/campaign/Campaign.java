package io.qianmian.serving.campaign;

import io.qianmian.features.segment.Expression;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One marketing campaign as configured (see {@code qianmian-campaigns.reference.json} for every key),
 * already validated by {@link CampaignFile}. Immutable.
 *
 * @param id unique id; events it leads to carry it as {@code campaignId}
 * @param name for people
 * @param enabled false pauses the campaign without removing its counters
 * @param target who may see it
 * @param window when it may be shown
 * @param channels where it may be shown; empty means every channel
 * @param priority higher first; Thompson sampling orders campaigns of equal priority
 * @param frequencyCap at most so many impressions per user per period, or null
 * @param cooldown the least time between two impressions to the same user ({@link Duration#ZERO}: none)
 * @param budget the total and daily limits, or null for an unlimited campaign
 * @param exclusionGroup campaigns of one group are never shown together, or null
 * @param creative what the shopper sees
 * @param products products the campaign pins or boosts on the homepage, or null
 * @param control the hold-out that measures uplift, or null
 */
public record Campaign(
    String id,
    String name,
    boolean enabled,
    Target target,
    Window window,
    Set<String> channels,
    int priority,
    FrequencyCap frequencyCap,
    Duration cooldown,
    Budget budget,
    String exclusionGroup,
    Creative creative,
    Products products,
    Control control) {

  public Campaign {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(window, "window");
    channels = Set.copyOf(channels);
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(creative, "creative");
  }

  /** Whether the campaign may be shown on {@code channel} (null: the caller named none). */
  boolean allowsChannel(String channel) {
    return channels.isEmpty() || (channel != null && channels.contains(channel));
  }

  /**
   * Whether an impression spends something that a restart must not give back: a frequency cap, a
   * cooldown or an impression budget. (A redemption budget is spent by purchases, which the event
   * log holds before they count.)
   */
  boolean limitsImpressions() {
    return frequencyCap != null || !cooldown.isZero() || (budget != null && budget.unit() == BudgetUnit.IMPRESSIONS);
  }

  /** Whether users in the campaign's control group exist at all. */
  boolean hasControl() {
    return control != null && control.share() > 0;
  }

  /**
   * Who a campaign is for: users in one of {@code segments} (when given) for whom {@code rule} holds
   * (when given); everyone when neither is given.
   *
   * @param segments segment names; empty when the campaign does not target by segment
   * @param ruleText the rule over profile fields as written, or null
   * @param rule the parsed rule, or null
   */
  public record Target(Set<String> segments, String ruleText, Expression rule) {
    public Target {
      segments = Set.copyOf(segments);
    }

    /** How the target reads in an answer's {@code why.rule}. */
    public String describe() {
      String bySegment = segments.isEmpty() ? null : "segment in [" + String.join(", ", segments.stream().sorted().toList()) + "]";
      if (bySegment != null && ruleText != null) {
        return bySegment + " and (" + ruleText + ")";
      }
      return bySegment != null ? bySegment : ruleText != null ? ruleText : "everyone";
    }
  }

  /**
   * When a campaign runs: {@code start <= now < end}; either end may be open (null).
   *
   * @param start the first instant, or null
   * @param end the first instant after the campaign, or null
   */
  public record Window(Instant start, Instant end) {
    /** Always. */
    public static final Window ALWAYS = new Window(null, null);

    /** Whether {@code t} falls inside the window. */
    public boolean contains(Instant t) {
      return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end));
    }

    /** Whether the two windows share an instant. */
    boolean overlaps(Window o) {
      boolean endsAfterOtherStarts = end == null || o.start == null || end.isAfter(o.start);
      boolean startsBeforeOtherEnds = start == null || o.end == null || start.isBefore(o.end);
      return endsAfterOtherStarts && startsBeforeOtherEnds;
    }
  }

  /**
   * At most {@code impressions} impressions per user within any {@code period} (a sliding window).
   *
   * @param impressions 1..{@link #MAX_IMPRESSIONS}
   * @param period positive
   */
  public record FrequencyCap(int impressions, Duration period) {
    /** The largest cap: the counters keep this many recent impression times per user and campaign. */
    public static final int MAX_IMPRESSIONS = 100;
  }

  /** What a budget counts. */
  public enum BudgetUnit {
    /** Impressions: reserved atomically before an answer, so never over-spent. */
    IMPRESSIONS,
    /**
     * Redemptions (purchases carrying the campaign id, one per order): checked before an answer, so
     * offers already shown may still be redeemed after the budget is reached.
     */
    REDEMPTIONS
  }

  /** How a budget is spread over the campaign's days. */
  public enum Pacing {
    /** As fast as traffic allows, within the daily cap if one is set. */
    ASAP,
    /** Each day at most the rest of the budget divided by the days left in the window. */
    EVEN
  }

  /**
   * A campaign's budget.
   *
   * @param unit what it counts
   * @param total the most units over the campaign's life
   * @param daily the most units per day (in the counters' time zone), or 0 for no daily cap
   * @param pacing how the total is spread over the days
   */
  public record Budget(BudgetUnit unit, long total, long daily, Pacing pacing) {}

  /**
   * What the shopper sees; any part may be null.
   *
   * @param title headline
   * @param text body
   * @param couponCode the code to enter at checkout
   * @param url where a click leads
   * @param image an image URL
   */
  public record Creative(String title, String text, String couponCode, String url, String image) {}

  /** How a campaign's products enter the homepage. */
  public enum ProductMode {
    /** Shown first, in the configured order, whatever the recommendations say. */
    PIN,
    /**
     * The campaign's products that the recommendations contain move to the front in the
     * recommendations' order, topped up with the campaign's other products up to {@code limit}.
     */
    BOOST
  }

  /**
   * Products a campaign puts on the homepage: the listed ids, then the catalog's items of a category
   * (and below) or of a brand.
   *
   * @param mode pin or boost
   * @param ids product ids, in order
   * @param category a category path or name, or null
   * @param brand a brand, or null
   * @param limit the most products the campaign adds
   */
  public record Products(ProductMode mode, List<String> ids, String category, String brand, int limit) {
    public Products {
      ids = List.copyOf(ids);
    }
  }

  /**
   * A hold-out: users whose bucket ({@code Buckets.of(salt, userId)}) falls in the first {@code share}
   * of buckets never see the campaign, so that its uplift can be measured against them.
   *
   * @param share in [0, 1)
   * @param salt the hashing salt (the campaign id unless configured)
   */
  public record Control(double share, String salt) {}
}
