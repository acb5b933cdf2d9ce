package io.qianmian.serving.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.qianmian.features.profile.UserProfile;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per model, the primary segments whose users are in no other segment: the learned clusters. A
 * user's primary segment is the first rule segment they match, else their cluster ({@link
 * UserProfile#primarySegment}), and segment names are unique, so a user whose primary segment is a
 * cluster matches no rule segment: campaigns that target segments need not read that user's
 * profile to know it. Which segments are clusters is learned from the profiles that requests read
 * anyway — the first user of a segment found in no other segment marks it — so nothing is scanned
 * up front.
 *
 * @param <M> the models (held weakly: a replaced model's segments go with it)
 */
final class SoleSegments<M> {
  private final Cache<M, Set<String>> byModel = Caffeine.newBuilder().weakKeys().maximumSize(4).build();

  /** Whether every user whose primary segment is {@code segment} is in no other segment. */
  boolean isSole(M m, String segment) {
    Set<String> sole = byModel.getIfPresent(m);
    return sole != null && sole.contains(segment);
  }

  /** Learns from a profile that {@code m} gave for a user whose primary segment is {@code segment}. */
  void learn(M m, String segment, UserProfile p) {
    if (p.segments().isEmpty() && segment.equals(p.primarySegment())) {
      byModel.get(m, x -> ConcurrentHashMap.newKeySet()).add(segment);
    }
  }
}
