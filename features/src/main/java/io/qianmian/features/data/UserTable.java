package io.qianmian.features.data;

/**
 * Demographics as columns indexed by dense user index; null (or 0 for time) where unknown.
 *
 * @param gender as recorded
 * @param ageBand e.g. 25-34
 * @param region country, province or city
 * @param registered epoch milliseconds
 */
public record UserTable(String[] gender, String[] ageBand, String[] region, long[] registered) {

  /** Whether any user has any demographic field. */
  public boolean hasDemographics() {
    for (int u = 0; u < gender.length; u++) {
      if (gender[u] != null || ageBand[u] != null || region[u] != null) {
        return true;
      }
    }
    return false;
  }
}
