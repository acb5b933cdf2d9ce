package io.qianmian.serving.campaign;

import java.util.List;

/**
 * The campaigns chosen for one request, already reserved and journaled.
 *
 * @param requestId the answer's id
 * @param userId the shopper
 * @param segment the shopper's primary segment, or null
 * @param offers the campaigns to show, in slot order
 * @param heldOut ids of campaigns the ranking chose that the user's control group withholds
 */
public record Decision(String requestId, String userId, String segment, List<Offer> offers, List<String> heldOut) {
  public Decision {
    offers = List.copyOf(offers);
    heldOut = List.copyOf(heldOut);
  }

  /**
   * One campaign in an answer.
   *
   * @param campaign the campaign
   * @param position its slot, 0 the top
   * @param probability the probability that the policy put it in this slot (estimated over the
   *     request's seeded posterior draws), in (0, 1]
   * @param why why it was chosen
   */
  public record Offer(Campaign campaign, int position, double probability, Why why) {}

  /**
   * Why a campaign was chosen.
   *
   * @param rule its target as text ({@code segment in [churn-risk]}, a rule, or {@code everyone})
   * @param segment the segment it was chosen for: the user's target segment that matched, else the
   *     primary one (null when none)
   * @param score the expected response: the posterior mean conversion rate for the user's segment
   * @param priority its priority
   * @param draw its posterior draw that ranked it in this answer
   * @param impressions the impressions its posterior has seen in the segment
   * @param conversions the conversions its posterior has seen in the segment
   */
  public record Why(String rule, String segment, double score, int priority, double draw, long impressions, long conversions) {}
}
