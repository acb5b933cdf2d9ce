package io.qianmian.features.importer;

import java.util.Arrays;

/** Where the named columns of a CSV header are; a missing one stops the import with the header's line. */
final class HeaderColumns {
  private final int[] index;

  private HeaderColumns(int[] index) {
    this.index = index;
  }

  /**
   * The positions of {@code names} in the header of {@code reader}, all required. A name may list
   * alternatives separated by {@code |} (releases of a data set rename columns).
   */
  static HeaderColumns of(CsvReader reader, String... names) throws ImportException {
    int[] index = new int[names.length];
    for (int k = 0; k < names.length; k++) {
      index[k] = -1;
      for (String alternative : names[k].split("\\|")) {
        if (index[k] < 0) {
          index[k] = reader.column(alternative);
        }
      }
      if (index[k] < 0) {
        throw missing(reader, names[k].replace("|", "' or '"));
      }
    }
    return new HeaderColumns(index);
  }

  static ImportException missing(CsvReader reader, String name) {
    return new ImportException(reader.headerLine() + ": no column '" + name + "' (the header has: " + String.join(",", reader.header()) + ")");
  }

  /** The position of the {@code k}-th name. */
  int at(int k) {
    return index[k];
  }

  @Override
  public String toString() {
    return Arrays.toString(index);
  }
}
