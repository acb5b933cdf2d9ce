package io.qianmian.trainer.bundle;

import java.nio.FloatBuffer;

/**
 * The latent factors of a loaded bundle: user {@code u}'s vector is the {@code rank} values from
 * {@code u*rank} of {@link #users()}, item {@code i}'s those from {@code i*rank} of {@link
 * #items()}. User vectors stay in the (mapped) file, since there is one per shopper; item vectors
 * are few and read in every ranking, so they are a heap array. Shared, not copied: callers must
 * not change the array and must read the buffer with absolute gets only.
 */
public final class StoredFactors {
  private final int rank;
  private final FloatBuffer users;
  private final float[] items;

  StoredFactors(int rank, FloatBuffer users, float[] items) {
    if (rank <= 0 || users.limit() % rank != 0 || items.length % rank != 0) {
      throw new IllegalArgumentException(
          "rank " + rank + " does not divide the factor arrays (" + users.limit() + " user and " + items.length + " item values)");
    }
    this.rank = rank;
    this.users = users;
    this.items = items;
  }

  /** Vector length. */
  public int rank() {
    return rank;
  }

  /** Number of user vectors. */
  public int userCount() {
    return users.limit() / rank;
  }

  /** Number of item vectors. */
  public int itemCount() {
    return items.length / rank;
  }

  /** User vectors, row-major (read with absolute gets: the buffer is shared). */
  public FloatBuffer users() {
    return users;
  }

  /** Item vectors, row-major. */
  public float[] items() {
    return items;
  }

  /** User {@code u}'s vector (a copy). */
  public float[] userVector(int u) {
    float[] v = new float[rank];
    users.get(u * rank, v);
    return v;
  }
}
