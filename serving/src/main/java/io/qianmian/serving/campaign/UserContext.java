package io.qianmian.serving.campaign;

import io.qianmian.features.profile.UserProfile;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who asks for campaigns, where and when. The shopper's profile may be given as a source that is
 * read only when a campaign's target asks for it (a segment other than the primary one, or a rule):
 * decoding a profile costs more than the rest of a decision, and most targets never need it. A
 * context belongs to one request; a profile read twice concurrently is merely read twice.
 */
public final class UserContext {
  private final String requestId;
  private final String userId;
  private final String segment;
  private final String channel;
  private final Instant now;
  private final String placement;
  private final Set<String> givenSegments;
  private final ProfileFacts givenProfile;
  private final Supplier<Optional<UserProfile>> source;
  private final boolean primaryOnly;
  private Optional<UserProfile> read;
  private Set<String> segments;
  private ProfileFacts profile;

  private UserContext(Builder b) {
    this.requestId = Objects.requireNonNull(b.requestId, "requestId");
    this.userId = Objects.requireNonNull(b.userId, "userId");
    this.now = Objects.requireNonNull(b.now, "now");
    this.segment = b.segment;
    this.channel = b.channel;
    this.placement = b.placement;
    this.givenSegments = b.segments;
    this.givenProfile = b.profile;
    this.source = b.source;
    this.primaryOnly = b.primaryOnly;
  }

  /** A builder; segment, profile, channel and placement are optional. */
  public static Builder builder(String requestId, String userId, Instant now) {
    return new Builder(requestId, userId, now);
  }

  /** The answer's id: logged with the exposure, and the seed of its Thompson draws. */
  public String requestId() {
    return requestId;
  }

  /** The shopper. */
  public String userId() {
    return userId;
  }

  /** The shopper's primary segment (what posteriors are learned per), or null. */
  public String segment() {
    return segment;
  }

  /**
   * Every segment the shopper is in, the primary one included ({@code targetSegments} matches any
   * of them); reads the profile source on first call.
   */
  public Set<String> segments() {
    Set<String> s = segments;
    if (s == null) {
      Set<String> all = new LinkedHashSet<>();
      if (segment != null) {
        all.add(segment);
      }
      all.addAll(givenSegments);
      if (!primaryOnly) {
        profileRead().ifPresent(p -> all.addAll(p.segments()));
      }
      s = Set.copyOf(all);
      segments = s;
    }
    return s;
  }

  /** What {@code targetRule}s may ask of the shopper; reads the profile source on first call. */
  public ProfileFacts profile() {
    ProfileFacts f = profile;
    if (f == null) {
      f = givenProfile != null ? givenProfile : profileRead().map(ProfileFacts::of).orElse(ProfileFacts.EMPTY);
      profile = f;
    }
    return f;
  }

  /** Where the answer is shown (app, web…), or null. */
  public String channel() {
    return channel;
  }

  /** The time of the request. */
  public Instant now() {
    return now;
  }

  /** Where in the storefront (homepage…), or null; logged with the exposure. */
  public String placement() {
    return placement;
  }

  private Optional<UserProfile> profileRead() {
    Optional<UserProfile> p = read;
    if (p == null) {
      p = source == null ? Optional.empty() : source.get();
      read = p;
    }
    return p;
  }

  @Override
  public String toString() {
    return "UserContext[requestId=" + requestId + ", userId=" + userId + ", segment=" + segment + ", channel=" + channel
        + ", now=" + now + ", placement=" + placement + "]";
  }

  /** Builds a {@link UserContext}. */
  public static final class Builder {
    private final String requestId;
    private final String userId;
    private final Instant now;
    private String segment;
    private Set<String> segments = Set.of();
    private ProfileFacts profile;
    private Supplier<Optional<UserProfile>> source;
    private boolean primaryOnly;
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
      this.segments = Set.copyOf(Objects.requireNonNull(all, "segments"));
      return this;
    }

    /** The user's profile facts. */
    public Builder profile(ProfileFacts facts) {
      this.profile = Objects.requireNonNull(facts, "profile");
      return this;
    }

    /**
     * Where the user's profile is read from, once and only when a target needs it: its segments
     * join {@link #segments}, its facts are the {@link #profile} unless facts were given.
     */
    public Builder profileSource(Supplier<Optional<UserProfile>> read) {
      this.source = Objects.requireNonNull(read, "profile source");
      return this;
    }

    /**
     * The profile source's segments add nothing to the primary one (it is a learned cluster, and a
     * user whose primary segment is a cluster matches no rule segment): {@link #segments} does not
     * read the profile.
     */
    public Builder primaryOnly() {
      this.primaryOnly = true;
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
      return new UserContext(this);
    }
  }
}
