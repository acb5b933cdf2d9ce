package io.qianmian.features.progress;

/**
 * Where long work reports how far it got. Libraries call it; the command line turns it into a bar
 * or periodic lines with rate and ETA. Implementations must be cheap to call often.
 */
public interface Progress {
  /** A report that goes nowhere, for tests and embedded use. */
  Progress NONE = (task, total, unit) -> Task.NONE;

  /**
   * Starts a task.
   *
   * @param task what is being done, e.g. "import events.csv"
   * @param total how many units it will take, or -1 when unknown
   * @param unit what is counted, e.g. "rows"
   */
  Task begin(String task, long total, String unit);

  /** One running task. Close it when done (in try-with-resources). */
  interface Task extends AutoCloseable {
    Task NONE =
        new Task() {
          @Override
          public void stepTo(long done) {}

          @Override
          public void message(String text) {}

          @Override
          public void close() {}
        };

    /** Says that {@code done} units are complete. */
    void stepTo(long done);

    /** A short status shown beside the count, e.g. "loss 0.0132". */
    void message(String text);

    @Override
    void close();
  }
}
