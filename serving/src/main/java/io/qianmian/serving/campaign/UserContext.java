package io.qianmian.serving.campaign;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who asks for campaigns, where and when.
 *
 * @param requestId the answer's id: logged with the exposure, and the seed of its Thompson draws
 * @param userId the shopper
 * @param segment the shopper's primary segment (what posteriors are learned per), or null
 * @param segments every segment the shopper is in, the primary one included ({@code targetSegments}
 *     matches any of them)
 * @param profile what {@code targetRule}s may ask of the shopper
 * @param channel where the answer is shown (app, web…), or null
 * @param now the time of the request
 * @param placement where in the storefront (homepage…), or null; logged with the exposure
 */
public record UserContext(
    String requestId, String userId, String segment, Set<String> segments, ProfileFacts profile, String channel,
    Instant now, String placement) {

  public UserContext {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(userId, "userId");
    Set<String> all = new LinkedHashSet<>();
    if (segment != null) {
      all.add(segment);
    }
    all.addAll(segments);
    segments = Set.copyOf(all);
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(now, "now");
  }

  /** A builder; segment, profile, channel and placement are optional. */
  public static Builder builder(String requestId, String userId, Instant now) {
    return new Builder(requestId, userId, now);
  }

  /** Builds a {@link UserContext}. */
  public static final class Builder {
    private final String requestId;
    private final String userId;
    private final Instant now;
    private String segment;
    private Set<String> segments = Set.of();
    private ProfileFacts profile = ProfileFacts.EMPTY;
    private String channel;
    private String placement;

    private Builder(String requestId, String userId, Instant now) {
      this.requestId = requestId;
      this.userId = userId;
      this.now = now;
    }

    /** The primary segment. */
    public Builder segment(String primary) {
      this.segment = primary;
      return this;
    }

    /** Other segments the user is in. */
    public Builder segments(Set<String> all) {
      this.segments = Objects.requireNonNull(all, "segments");
      return this;
    }

    /** The user's profile facts. */
    public Builder profile(ProfileFacts facts) {
      this.profile = Objects.requireNonNull(facts, "profile");
      return this;
    }

    /** The channel asked for. */
    public Builder channel(String name) {
      this.channel = name;
      return this;
    }

    /** Where the answer is shown. */
    public Builder placement(String name) {
      this.placement = name;
      return this;
    }

    /** The context. */
    public UserContext build() {
      return new UserContext(requestId, userId, segment, segments, profile, channel, now, placement);
    }
  }
}
