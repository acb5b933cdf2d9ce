package io.qianmian.serving.events;

/** A request body that cannot be accepted: what is wrong and which field. */
public final class InvalidEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final Kind kind;

  /** How the body failed. */
  public enum Kind {
    /** Not JSON at all. */
    MALFORMED,
    /** JSON, but a field is missing or wrong. */
    INVALID,
    /** More events than a batch may hold. */
    TOO_MANY
  }

  InvalidEventException(String field, String message) {
    this(Kind.INVALID, field, message);
  }

  private InvalidEventException(Kind kind, String field, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  static InvalidEventException malformed(String message) {
    return new InvalidEventException(Kind.MALFORMED, null, "the body is not valid JSON: " + message);
  }

  static InvalidEventException tooMany(int count, int max) {
    return new InvalidEventException(Kind.TOO_MANY, "events", "the batch holds " + count + " events; at most " + max + " are accepted");
  }

  /** The field at fault (e.g. {@code events[2].type}), or null. */
  public String field() {
    return field;
  }

  /** How the body failed. */
  public Kind kind() {
    return kind;
  }
}
