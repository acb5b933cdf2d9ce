package io.qianmian.trainer.model;

/**
 * A trained model that ranks items for a user. Implementations are immutable and safe to call from
 * many threads.
 */
public interface Recommender {
  /** The model's name as used in configuration, reports and {@code reason} fields, e.g. "als". */
  String name();

  /**
   * The top {@code k} items for user {@code u}, best first, skipping the items of {@code exclude}
   * (the user's training items in evaluation; recently bought items when serving).
   *
   * @param u dense user index of the training data (may have no history: models then fall back)
   * @param k how many items at most
   * @param exclude items never to return; may be empty
   */
  ScoredItems recommend(int u, int k, ItemFilter exclude);
}
