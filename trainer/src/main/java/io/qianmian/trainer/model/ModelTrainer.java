package io.qianmian.trainer.model;

import io.qianmian.features.progress.Progress;

/**
 * Trains one kind of model from interactions. Offline evaluation calls every trainer on the same
 * training split; the train command calls them on all the data and writes a bundle.
 */
public interface ModelTrainer {
  /** The model's name, e.g. "als", "cooccurrence", "ease", "popularity". */
  String name();

  /** Trains on {@code train}; the result ranks items for the users of {@code train}. */
  Recommender fit(Interactions train, Progress progress);
}
