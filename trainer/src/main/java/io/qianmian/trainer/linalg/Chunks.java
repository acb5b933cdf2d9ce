package io.qianmian.trainer.linalg;

import java.util.stream.IntStream;

/**
 * Splits {@code 0..n} into a fixed number of contiguous chunks and runs them on all cores. The
 * partition depends only on {@code n}, never on the thread count, so work that writes per-chunk
 * results (and sums them in chunk order) gives the same bits on every machine.
 */
public final class Chunks {
  /** Chunks per range: enough for load balance on many cores, few enough to be cheap. */
  public static final int COUNT = 64;

  private Chunks() {}

  /** Work on one chunk {@code [from, to)}, number {@code chunk}. */
  @FunctionalInterface
  public interface Body {
    void run(int chunk, int from, int to);
  }

  /** Runs {@code body} on every non-empty chunk of {@code 0..n}, in parallel. */
  public static void forEach(int n, Body body) {
    IntStream.range(0, COUNT)
        .parallel()
        .forEach(
            c -> {
              int from = start(n, c);
              int to = start(n, c + 1);
              if (from < to) {
                body.run(c, from, to);
              }
            });
  }

  /** Where chunk {@code c} of {@code 0..n} starts. */
  public static int start(int n, int c) {
    return (int) ((long) n * c / COUNT);
  }
}
