package io.qianmian.experiments.log;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
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

  /**
   * Reads a log line in either form: every item with its position and propensity, or the compact
   * one {@link ExposureJson} writes, where an item without a position is at its index in
   * {@code items} and one without a propensity has the exposure's {@code "propensity"}.
   */
  @JsonCreator
  static Exposure fromJson(
      @JsonProperty("requestId") String requestId,
      @JsonProperty("time") long time,
      @JsonProperty("userId") String userId,
      @JsonProperty("sessionId") String sessionId,
      @JsonProperty("segment") String segment,
      @JsonProperty("experiments") List<ExposedVariant> experiments,
      @JsonProperty("modelVersion") String modelVersion,
      @JsonProperty("placement") String placement,
      @JsonProperty("propensity") Double propensity,
      @JsonProperty("items") List<LoggedItem> items,
      @JsonProperty("campaigns") List<ShownCampaign> campaigns) {
    List<ShownItem> shown = new ArrayList<>(items == null ? 0 : items.size());
    for (int k = 0; items != null && k < items.size(); k++) {
      LoggedItem i = items.get(k);
      if (i == null) {
        throw new IllegalArgumentException("items[" + k + "] is null");
      }
      Double p = i.propensity() != null ? i.propensity() : propensity;
      if (p == null) {
        throw new IllegalArgumentException("items[" + k + "].propensity is required (the exposure gives no \"propensity\")");
      }
      shown.add(new ShownItem(i.itemId(), i.position() != null ? i.position() : k, p));
    }
    return new Exposure(requestId, time, userId, sessionId, segment, experiments, modelVersion, placement, shown, campaigns);
  }

  /** An item as a log line holds it: position and propensity may be left to their defaults. */
  record LoggedItem(String itemId, Integer position, Double propensity) {}

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
