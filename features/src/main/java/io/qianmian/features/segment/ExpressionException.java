package io.qianmian.features.segment;

/**
 * A segment expression that cannot be parsed or type-checked. The message starts with the 1-based
 * column in the expression text; callers add the file, line and key the text came from.
 */
public final class ExpressionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int column;
  private final String reason;

  ExpressionException(int column, String reason) {
    super("column " + column + ": " + reason);
    this.column = column;
    this.reason = reason;
  }

  /** The 1-based column in the expression text where the problem is. */
  public int column() {
    return column;
  }

  /** What is wrong, without the column. */
  public String reason() {
    return reason;
  }
}
