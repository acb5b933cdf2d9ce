package io.qianmian.serving.model;

import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.trainer.bundle.UserCandidates;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the server reads from a trained model bundle. Users and items are the bundle's dense indexes.
 * Implementations are immutable and thread-safe; rankings they return are the caller's to keep.
 */
public interface Bundle {
  /** The bundle's version, reported as {@code modelVersion}. */
  String version();

  /** User ids ↔ dense user indexes. */
  IdDictionary users();

  /** The catalog as a dataset without events; its item dictionary is the model's. */
  Dataset catalog();

  /** Length of the factor vectors, 0 when the bundle has none. */
  int rank();

  /**
   * User vectors row-major ({@code rank} per user); empty when rank is 0. Shared (and perhaps a
   * mapping of the bundle's file): read with absolute gets only.
   */
  FloatBuffer userFactors();

  /** Item vectors row-major ({@code rank} per item); empty when rank is 0. Shared: do not change. */
  float[] itemFactors();

  /** The items most similar to {@code item}, best first. */
  ScoredItems similarItems(int item);

  /** The name of the model that made the neighbor lists (the {@code reason} of their items). */
  String similarModel();

  /** The user's precomputed candidates and the model that ranked them (their {@code reason}). */
  Optional<UserCandidates> candidates(int user);

  /** Item {@code rank} of the user's precomputed candidates, without copying the list. */
  int candidate(int user, int rank);

  /** The model that ranked the user's precomputed candidates; null when there are none. */
  String candidatesModel(int user);

  /** The store's most popular items, best first. */
  ScoredItems popular();

  /** The most popular items in {@code category} and below (nearest ancestor's when it has none). */
  ScoredItems popularInCategory(int category);

  /** Segment names by segment index. */
  List<String> segments();

  /** The user's primary segment index, or -1. */
  int segmentOf(int user);

  /** The most popular items among a segment's users. */
  ScoredItems popularInSegment(int segment);

  /** The items {@code user} bought too recently to be recommended at {@code nowMillis}. */
  ItemFilter purchaseExclusions(int user, long nowMillis);

  /** The user-profile directory carried by the bundle, if any. */
  Optional<Path> profiles();
}
