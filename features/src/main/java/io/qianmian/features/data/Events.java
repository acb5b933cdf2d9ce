package io.qianmian.features.data;

/**
 * The behavior log as parallel columns, sorted by time. Row {@code r} is one event. Ids are dense
 * indexes into the dataset's dictionaries; -1 means "not known". The arrays are shared, not copied:
 * callers must not change them.
 *
 * @param user index into {@link Dataset#users()}
 * @param item index into {@link Dataset#items()}
 * @param type {@link EventType#code()}
 * @param time epoch milliseconds, ascending
 * @param quantity units, 0 when unknown
 * @param price unit price, NaN when unknown
 * @param order index into {@link Dataset#orders()}
 * @param session index into {@link Dataset#sessions()}; empty when the dataset was read without
 *     sessions ({@link DatasetReader#readWithoutSessions})
 * @param channel index into {@link Dataset#channels()}
 * @param campaign index into {@link Dataset#campaigns()}
 * @param request index into {@link Dataset#requests()}; empty when read without sessions
 */
public record Events(
    int[] user,
    int[] item,
    byte[] type,
    long[] time,
    int[] quantity,
    float[] price,
    int[] order,
    int[] session,
    int[] channel,
    int[] campaign,
    int[] request) {

  /**
   * Events from their column arrays in record order: user, item, type, time, quantity, price, order,
   * session, channel, campaign, request (as the dataset's files and the importer hold them).
   */
  static Events ofColumns(Object[] columns) {
    return new Events(
        (int[]) columns[0],
        (int[]) columns[1],
        (byte[]) columns[2],
        (long[]) columns[3],
        (int[]) columns[4],
        (float[]) columns[5],
        (int[]) columns[6],
        (int[]) columns[7],
        (int[]) columns[8],
        (int[]) columns[9],
        (int[]) columns[10]);
  }

  /** How many events. */
  public int size() {
    return user.length;
  }

  /** The type of row {@code r}. */
  public EventType typeOf(int r) {
    return EventType.ofCode(type[r]);
  }

  /** Revenue of row {@code r}: quantity × price, 0 when either is unknown. */
  public double revenue(int r) {
    float p = price[r];
    return quantity[r] > 0 && !Float.isNaN(p) ? (double) quantity[r] * p : 0;
  }
}
