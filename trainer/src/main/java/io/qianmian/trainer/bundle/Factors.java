package io.qianmian.trainer.bundle;

/**
 * Latent factors of a matrix-factorization model: user {@code u}'s vector is {@code
 * users[u*rank .. (u+1)*rank)}, item {@code i}'s is {@code items[i*rank .. (i+1)*rank)}, and the
 * model's score is their dot product. The arrays are shared, not copied: callers must not change
 * them.
 *
 * @param rank vector length
 * @param users user vectors, row-major
 * @param items item vectors, row-major
 */
public record Factors(int rank, float[] users, float[] items) {

  public Factors {
    if (rank <= 0 || users.length % rank != 0 || items.length % rank != 0) {
      throw new IllegalArgumentException(
          "rank " + rank + " does not divide the factor arrays (" + users.length + " user and " + items.length + " item values)");
    }
  }

  /** Number of user vectors. */
  public int userCount() {
    return users.length / rank;
  }

  /** Number of item vectors. */
  public int itemCount() {
    return items.length / rank;
  }

  /** User {@code u}'s vector (a copy). */
  public float[] userVector(int u) {
    float[] v = new float[rank];
    System.arraycopy(users, u * rank, v, 0, rank);
    return v;
  }

  /** Item {@code i}'s vector (a copy). */
  public float[] itemVector(int i) {
    float[] v = new float[rank];
    System.arraycopy(items, i * rank, v, 0, rank);
    return v;
  }

  /** The model's score of item {@code i} for user {@code u}. */
  public float score(int u, int i) {
    float s = 0;
    int uo = u * rank;
    int io = i * rank;
    for (int f = 0; f < rank; f++) {
      s += users[uo + f] * items[io + f];
    }
    return s;
  }
}
