package io.qianmian.features.segment;

/** The types of values in segment expressions. */
public enum ValueType {
  /** A double; unknown values are NaN and make every comparison but {@code !=} false. */
  NUMBER,
  /** A string; unknown values are null and equal nothing. */
  TEXT,
  /** The result of comparisons, {@code and}, {@code or}, {@code not}, {@code known(...)}. */
  BOOLEAN;

  String lower() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
