package io.qianmian.features.profile;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a user stands in their life with the store, as of a given time. The windows are
 * configuration ({@code lifecycle.*}); {@link ProfileComputation} assigns them in this order:
 *
 * <ol>
 *   <li>{@link #NEW}: first seen (first event of any kind) at most {@code newDays} ago;
 *   <li>{@link #CHURNED}: last purchase more than {@code atRiskDays} ago;
 *   <li>{@link #AT_RISK}: last purchase more than {@code activeDays} ago;
 *   <li>{@link #LOYAL}: otherwise, with at least {@code loyalMinOrders} orders;
 *   <li>{@link #ACTIVE}: otherwise.
 * </ol>
 *
 * Users who never bought are measured by their last event instead of their last purchase, so a
 * browser who keeps coming back is active and one who stopped is churned.
 */
public enum LifecycleStage {
  NEW("new"),
  ACTIVE("active"),
  LOYAL("loyal"),
  AT_RISK("at-risk"),
  CHURNED("churned");

  private static final LifecycleStage[] VALUES = values();
  private final String wireName;

  LifecycleStage(String wireName) {
    this.wireName = wireName;
  }

  /** As written in JSON and in segment rules, e.g. {@code at-risk}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  static LifecycleStage ofCode(int code) {
    return VALUES[code];
  }

  @Override
  public String toString() {
    return wireName;
  }
}
