package io.qianmian.serving.campaign;

import io.qianmian.features.profile.UserProfile;
import io.qianmian.features.segment.Binding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * What a campaign's {@code targetRule} may ask of one user: the profile fields of {@code
 * ProfileField} (numbers, texts) and the lookups {@code affinity(category|brand "X")} and {@code
 * share(channel "X")}. A {@link Binding} over that one user: the user index is ignored. Fields it
 * does not know are unknown (NaN, null), which makes comparisons with them false.
 */
public final class ProfileFacts implements Binding {
  /** A user of whom nothing is known. */
  public static final ProfileFacts EMPTY = builder().build();

  private final Map<String, Double> numbers;
  private final Map<String, String> texts;
  private final List<UserProfile.Tag> tags;
  private final Map<String, Double> channelShares;

  private ProfileFacts(Builder b) {
    this.numbers = Map.copyOf(b.numbers);
    this.texts = Map.copyOf(b.texts);
    this.tags = List.copyOf(b.tags);
    this.channelShares = Map.copyOf(b.channelShares);
  }

  /**
   * The facts a served profile carries: RFM values and scores, cell, lifecycle, order value, price
   * band, purchase cycle, preferred channel and channel shares, interest tags and demographics.
   * Event counts ({@code views}, {@code events}…) are not in a served profile and stay unknown.
   */
  public static ProfileFacts of(UserProfile p) {
    Builder b = builder();
    UserProfile.Rfm rfm = p.rfm();
    if (rfm != null) {
      b.number("r", rfm.r()).number("f", rfm.f()).number("m", rfm.m());
      b.number("frequency", rfm.frequency()).number("monetary", rfm.monetary());
      if (rfm.recency() != null) {
        b.number("recency", rfm.recency()).number("daysSinceLastPurchase", rfm.recency());
      }
      if (rfm.cell() != null) {
        b.text("cell", rfm.cell().wireName());
      }
    }
    if (p.lifecycle() != null) {
      b.text("lifecycle", p.lifecycle().wireName());
    }
    if (p.aov() != null) {
      b.number("aov", p.aov());
    }
    if (p.priceBand() != null) {
      b.text("priceBand", p.priceBand().wireName());
    }
    if (p.purchaseCycleDays() != null) {
      b.number("purchaseCycle", p.purchaseCycleDays());
    }
    if (p.channel() != null) {
      b.text("channel", p.channel());
    }
    p.channelShares().forEach(b::channelShare);
    p.tags().forEach(t -> b.tag(t.tag(), t.kind(), t.weight()));
    UserProfile.Demographics d = p.demographics();
    if (d != null) {
      b.text("gender", d.gender()).text("ageBand", d.ageBand()).text("region", d.region());
    }
    return b.build();
  }

  /** A builder, for tests and for stores that know other facts. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public IntToDoubleFunction number(String field) {
    double v = numbers.getOrDefault(field, Double.NaN);
    return u -> v;
  }

  @Override
  public IntFunction<String> text(String field) {
    String v = texts.get(field);
    return u -> v;
  }

  @Override
  public IntToDoubleFunction lookup(String function, String keyword, String value) {
    double v = function.equals("share") ? channelShares.getOrDefault(value, 0.0) : affinity(keyword, value);
    return u -> v;
  }

  /**
   * The weight of the user's tags of this kind that are {@code value} or below it: a tag matches
   * when it is {@code value}, starts with {@code value > }, or has {@code value} as one of its path
   * steps (a category's own name), as {@code affinity} is defined for profiles. A served profile
   * keeps only its top tags, so smaller interests count as 0.
   */
  private double affinity(String kind, String value) {
    double sum = 0;
    for (UserProfile.Tag t : tags) {
      if (t.kind().equals(kind) && (kind.equals("brand") ? t.tag().equals(value) : inCategory(t.tag(), value))) {
        sum += t.weight();
      }
    }
    return sum;
  }

  private static boolean inCategory(String path, String value) {
    if (path.equals(value) || path.startsWith(value + " > ")) {
      return true;
    }
    for (String step : path.split(" > ")) {
      if (step.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** Builds {@link ProfileFacts}; null values are left out (unknown). */
  public static final class Builder {
    private final Map<String, Double> numbers = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();
    private final List<UserProfile.Tag> tags = new java.util.ArrayList<>();
    private final Map<String, Double> channelShares = new HashMap<>();

    private Builder() {}

    /** A number field, e.g. {@code r} or {@code aov}. */
    public Builder number(String field, double value) {
      numbers.put(field, value);
      return this;
    }

    /** A text field, e.g. {@code lifecycle} or {@code region}; null leaves it unknown. */
    public Builder text(String field, String value) {
      if (value != null) {
        texts.put(field, value);
      }
      return this;
    }

    /** An interest tag: a category path or a brand ({@code kind} category or brand) with its weight. */
    public Builder tag(String tag, String kind, double weight) {
      tags.add(new UserProfile.Tag(tag, kind, weight));
      return this;
    }

    /** The share of the user's events on a channel. */
    public Builder channelShare(String channel, double share) {
      channelShares.put(channel, share);
      return this;
    }

    /** The facts. */
    public ProfileFacts build() {
      return new ProfileFacts(this);
    }
  }
}
