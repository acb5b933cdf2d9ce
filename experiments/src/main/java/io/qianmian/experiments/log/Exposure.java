package io.qianmian.experiments.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One answer of the server as the shopper saw it: which experiment variants were in force, which
 * model answered, and what was shown where, with the probability the serving policy had of showing
 * it there (the propensity, for off-policy evaluation).
 *
 * @param requestId the answer's id; outcomes carrying it join to this exposure
 * @param time when the answer was served, epoch milliseconds
 * @param userId the shopper
 * @param sessionId the browsing session, or null
 * @param segment the shopper's primary segment when served, or null (for per-segment breakdowns)
 * @param experiments the experiments the shopper was in, with their variants
 * @param modelVersion the model bundle that answered, or null
 * @param placement where the answer was shown (homepage, cart…), or null
 * @param items the products shown, by position
 * @param campaigns the campaigns shown, by position
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Exposure(
    String requestId,
    long time,
    String userId,
    String sessionId,
    String segment,
    List<ExposedVariant> experiments,
    String modelVersion,
    String placement,
    List<ShownItem> items,
    List<ShownCampaign> campaigns)
    implements LogRecord {

  public Exposure {
    requireText(requestId, "requestId");
    requireText(userId, "userId");
    experiments = experiments == null ? List.of() : List.copyOf(experiments);
    items = items == null ? List.of() : List.copyOf(items);
    campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
  }

  /** The variant of {@code experimentId} this answer was served under, or null when not in it. */
  public String variantOf(String experimentId) {
    for (ExposedVariant v : experiments) {
      if (v.experimentId().equals(experimentId)) {
        return v.variant();
      }
    }
    return null;
  }

  static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  /**
   * One experiment the shopper was in for this answer.
   *
   * @param experimentId the experiment
   * @param variant the variant's name
   */
  public record ExposedVariant(String experimentId, String variant) {
    public ExposedVariant {
      requireText(experimentId, "experiments[].experimentId");
      requireText(variant, "experiments[].variant");
    }
  }

  /**
   * A product shown in the answer.
   *
   * @param itemId the product
   * @param position its slot, 0 being the top
   * @param propensity the probability that the serving policy showed this item in this slot for
   *     this request, in (0, 1]; 1 for a deterministic ranking
   */
  public record ShownItem(String itemId, int position, double propensity) {
    public ShownItem {
      requireText(itemId, "items[].itemId");
      requireSlot(position, propensity, "items[]");
    }
  }

  /**
   * A campaign shown in the answer.
   *
   * @param campaignId the campaign
   * @param position its slot, 0 being the top
   * @param probability the probability that the serving policy showed it in this slot, in (0, 1]
   */
  public record ShownCampaign(String campaignId, int position, double probability) {
    public ShownCampaign {
      requireText(campaignId, "campaigns[].campaignId");
      requireSlot(position, probability, "campaigns[]");
    }
  }

  private static void requireSlot(int position, double probability, String what) {
    if (position < 0) {
      throw new IllegalArgumentException(what + ".position must be >= 0, got " + position);
    }
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException(what + " probability must be in (0, 1], got " + probability);
    }
  }
}
