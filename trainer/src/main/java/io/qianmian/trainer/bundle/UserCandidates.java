package io.qianmian.trainer.bundle;

import io.qianmian.trainer.model.ScoredItems;

/**
 * A user's precomputed candidates and the model that ranked them (the {@code reason} the server
 * reports).
 *
 * @param model model name, e.g. "als" or "segment-popular"
 * @param items candidates, best first
 */
public record UserCandidates(String model, ScoredItems items) {}
