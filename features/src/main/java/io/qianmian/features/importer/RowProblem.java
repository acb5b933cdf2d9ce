package io.qianmian.features.importer;

/**
 * Thrown while a row is turned into data, caught by the row loop, which records a {@link BadRow}.
 * Rows go bad by the thousand in dirty exports, so it carries no stack trace.
 */
final class RowProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final BadRow.Kind kind;

  RowProblem(BadRow.Kind kind, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
  }

  BadRow.Kind kind() {
    return kind;
  }
}
