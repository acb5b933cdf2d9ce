package io.qianmian.features.profile;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The classic RFM segments, from the R and F scores. The grid is the widely published R×F map
 * (rows R, columns F, both 1–5):
 *
 * <pre>
 *        F=1            F=2            F=3            F=4          F=5
 * R=5    new            potential-loy. potential-loy. champions    champions
 * R=4    promising      potential-loy. potential-loy. loyal        loyal
 * R=3    about-to-sleep about-to-sleep need-attention loyal        loyal
 * R=2    hibernating    hibernating    at-risk        at-risk      cannot-lose
 * R=1    lost           hibernating    at-risk        at-risk      cannot-lose
 * </pre>
 *
 * The one change to the published grid: its lowest corner (R=1, F=1) is "lost" rather than
 * "hibernating", which gives the eleven names of the usual RFM segment list (champions … lost).
 * Users who never bought are {@link #PROSPECT}. M does not change the cell; it is in the profile
 * for rules such as {@code r >= 4 and f >= 4 and m >= 4}.
 */
public enum RfmCell {
  CHAMPIONS("champions"),
  LOYAL("loyal"),
  POTENTIAL_LOYALIST("potential-loyalist"),
  NEW("new"),
  PROMISING("promising"),
  NEED_ATTENTION("need-attention"),
  ABOUT_TO_SLEEP("about-to-sleep"),
  AT_RISK("at-risk"),
  CANNOT_LOSE("cannot-lose"),
  HIBERNATING("hibernating"),
  LOST("lost"),
  /** Never bought: no RFM scores. */
  PROSPECT("prospect");

  private static final RfmCell[] VALUES = values();

  /** GRID[r - 1][f - 1]. */
  private static final RfmCell[][] GRID = {
    {LOST, HIBERNATING, AT_RISK, AT_RISK, CANNOT_LOSE},
    {HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANNOT_LOSE},
    {ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEED_ATTENTION, LOYAL, LOYAL},
    {PROMISING, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, LOYAL},
    {NEW, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, CHAMPIONS, CHAMPIONS},
  };

  private final String wireName;

  RfmCell(String wireName) {
    this.wireName = wireName;
  }

  /** The cell of scores r and f (1–5), or {@link #PROSPECT} when either is 0 (never bought). */
  public static RfmCell of(int r, int f) {
    if (r == 0 || f == 0) {
      return PROSPECT;
    }
    if (r < 1 || r > 5 || f < 1 || f > 5) {
      throw new IllegalArgumentException("RFM scores are 1-5, got r=" + r + " f=" + f);
    }
    return GRID[r - 1][f - 1];
  }

  /** As written in JSON and in segment rules, e.g. {@code cannot-lose}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  static RfmCell ofCode(int code) {
    return VALUES[code];
  }

  @Override
  public String toString() {
    return wireName;
  }
}
