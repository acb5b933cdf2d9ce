package io.qianmian.features.importer;

/**
 * An input row that was left out because it could not be read.
 *
 * @param file the file, as given or found under the input folder
 * @param line the line the row starts on, from 1
 * @param kind what was wrong, in one of a few classes (the counts by class go to dataset.json)
 * @param detail the field and value at fault, and what was expected
 */
public record BadRow(String file, long line, Kind kind, String detail) {

  /** The classes of bad rows; their labels are the "skipped rows" reasons of a dataset. */
  public enum Kind {
    WRONG_FIELD_COUNT("wrong field count"),
    MALFORMED("malformed row"),
    BAD_NUMBER("bad number"),
    BAD_VALUE("bad value"),
    BAD_TIMESTAMP("bad timestamp"),
    UNKNOWN_EVENT_TYPE("unknown event type"),
    MISSING_USER("missing user id"),
    MISSING_ITEM("missing item id"),
    MISSING_FIELD("missing field");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Short words for summaries, e.g. {@code bad timestamp}. */
    public String label() {
      return label;
    }
  }

  /** The kind and the detail: {@code bad timestamp: column timestamp: 'x' is not …}. */
  public String reason() {
    return kind.label + ": " + detail;
  }

  /** One line naming file, line and reason. */
  @Override
  public String toString() {
    return file + " line " + line + ": " + reason();
  }
}
