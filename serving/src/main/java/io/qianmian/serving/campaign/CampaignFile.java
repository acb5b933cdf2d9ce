package io.qianmian.serving.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qianmian.features.profile.ProfileField;
import io.qianmian.features.segment.Expression;
import io.qianmian.features.segment.ExpressionException;
import io.qianmian.features.segment.ExpressionParser;
import io.qianmian.serving.campaign.Campaign.Budget;
import io.qianmian.serving.campaign.Campaign.BudgetUnit;
import io.qianmian.serving.campaign.Campaign.Control;
import io.qianmian.serving.campaign.Campaign.Creative;
import io.qianmian.serving.campaign.Campaign.FrequencyCap;
import io.qianmian.serving.campaign.Campaign.Pacing;
import io.qianmian.serving.campaign.Campaign.ProductMode;
import io.qianmian.serving.campaign.Campaign.Products;
import io.qianmian.serving.campaign.Campaign.Target;
import io.qianmian.serving.campaign.Campaign.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates a campaign file: {@code {"campaigns": [ {…}, … ]}}, every key documented in
 * {@code qianmian-campaigns.reference.json} (comments are allowed). The store generator's {@code
 * campaigns.json} ({@code id, name, targetSegments, priority, channels, creative}) is a valid file.
 *
 * <p>Refused, with a {@link CampaignFileException} naming file, line, campaign and field: malformed
 * JSON, unknown keys, missing ids, duplicate ids, segment names not among the known ones, rules that
 * do not parse against the profile fields, windows that end before they start, bad durations,
 * budgets, caps or shares, and two enabled campaigns of one exclusion group with equal priority that
 * could meet (overlapping windows, channels and segments), since which one wins would be arbitrary.
 */
public final class CampaignFile {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
  private static final int MAX_ID_LENGTH = 200;
  private static final int DEFAULT_PRODUCT_LIMIT = 4;
  private static final int MAX_PRODUCT_LIMIT = 100;

  private final String source;
  private final Set<String> knownSegments;

  private CampaignFile(String source, Set<String> knownSegments) {
    this.source = source;
    this.knownSegments = knownSegments;
  }

  /**
   * Reads and validates a campaign file.
   *
   * @param knownSegments the segment names campaigns may target; null leaves them unchecked
   * @throws IOException when the file cannot be read
   * @throws CampaignFileException when it is not a valid campaign file
   */
  public static CampaignSet read(Path file, Set<String> knownSegments) throws IOException {
    return parse(Files.readAllBytes(file), file.getFileName().toString(), knownSegments);
  }

  /**
   * Validates the bytes of a campaign file.
   *
   * @param source the file's name, for messages
   * @param knownSegments the segment names campaigns may target; null leaves them unchecked
   * @throws CampaignFileException when they are not a valid campaign file
   */
  public static CampaignSet parse(byte[] json, String source, Set<String> knownSegments) {
    CampaignFile f = new CampaignFile(source, knownSegments == null ? null : Set.copyOf(knownSegments));
    List<Located> campaigns = f.campaigns(json);
    f.checkExclusions(campaigns);
    return new CampaignSet(campaigns.stream().map(Located::campaign).toList(), source, sha256(json));
  }

  private record Located(Campaign campaign, int line) {}

  private List<Located> campaigns(byte[] json) {
    List<Located> out = new ArrayList<>();
    Map<String, Integer> lines = new HashMap<>();
    boolean sawCampaigns = false;
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(line(p), null, null, "expected a JSON object {\"campaigns\": [...]}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int keyLine = line(p);
        p.nextToken();
        if (!key.equals("campaigns")) {
          throw error(keyLine, null, key, "unknown key; the file has only \"campaigns\"");
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
          throw error(keyLine, null, "campaigns", "expected an array of campaigns");
        }
        sawCampaigns = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          int at = line(p);
          JsonNode node = JSON.readTree(p);
          if (!(node instanceof ObjectNode o)) {
            throw error(at, null, "campaigns[" + out.size() + "]", "expected a campaign object");
          }
          Campaign c = new Fields(o, "", at, null).campaign();
          Integer before = lines.putIfAbsent(c.id(), at);
          if (before != null) {
            throw error(at, c.id(), "id", "duplicate id; the campaign on line " + before + " has it too");
          }
          out.add(new Located(c, at));
        }
      }
    } catch (JsonProcessingException e) {
      int at = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw error(at, null, null, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw error(0, null, null, "cannot be read: " + e.getMessage());
    }
    if (!sawCampaigns) {
      throw error(1, null, "campaigns", "missing; the file must be {\"campaigns\": [...]}");
    }
    return out;
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /** Refuses two enabled campaigns of one exclusion group with equal priority that could meet. */
  private void checkExclusions(List<Located> campaigns) {
    for (int j = 1; j < campaigns.size(); j++) {
      Campaign b = campaigns.get(j).campaign();
      for (int i = 0; i < j && b.exclusionGroup() != null && b.enabled(); i++) {
        Campaign a = campaigns.get(i).campaign();
        if (a.enabled() && b.exclusionGroup().equals(a.exclusionGroup()) && a.priority() == b.priority() && mayMeet(a, b)) {
          throw error(campaigns.get(j).line(), b.id(), "priority",
              "same priority (" + b.priority() + ") as '" + a.id() + "' in exclusion group '" + b.exclusionGroup()
                  + "' while their windows, channels and targets overlap; give them different priorities");
        }
      }
    }
  }

  private static boolean mayMeet(Campaign a, Campaign b) {
    boolean channels = a.channels().isEmpty() || b.channels().isEmpty() || !Collections.disjoint(a.channels(), b.channels());
    Set<String> sa = a.target().segments();
    Set<String> sb = b.target().segments();
    // Rules over profile fields cannot be proved disjoint, so only segment lists can separate two campaigns.
    boolean targets = sa.isEmpty() || sb.isEmpty() || !Collections.disjoint(sa, sb);
    return channels && targets && a.window().overlaps(b.window());
  }

  private CampaignFileException error(int line, String campaignId, String field, String problem) {
    return new CampaignFileException(source, line, campaignId, field, problem);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** One JSON object of a campaign, read key by key; keys never asked for are unknown keys. */
  private final class Fields {
    private final ObjectNode node;
    private final String path;
    private final int line;
    private String campaignId;
    private final Set<String> asked = new LinkedHashSet<>();

    Fields(ObjectNode node, String path, int line, String campaignId) {
      this.node = node;
      this.path = path;
      this.line = line;
      this.campaignId = campaignId;
    }

    Campaign campaign() {
      String id = text("id");
      if (id == null || id.isBlank()) {
        throw fail("id", "required: a non-empty string");
      }
      if (id.length() > MAX_ID_LENGTH) {
        throw fail("id", "longer than " + MAX_ID_LENGTH + " characters");
      }
      campaignId = id;
      String name = text("name");
      boolean enabled = bool("enabled", true);
      Target target = target();
      Window window = window();
      Set<String> channels = new LinkedHashSet<>(texts("channels", false));
      int priority = (int) integer("priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
      FrequencyCap cap = frequencyCap();
      Duration cooldown = duration("cooldown", Duration.ZERO, true);
      Budget budget = budget(window);
      String group = text("exclusionGroup");
      if (group != null && group.isBlank()) {
        throw fail("exclusionGroup", "must not be blank; leave it out for none");
      }
      Creative creative = creative();
      Products products = products();
      Control control = control(id);
      finish();
      return new Campaign(id, name == null ? id : name, enabled, target, window, channels, priority, cap, cooldown,
          budget, group, creative, products, control);
    }

    private Target target() {
      List<String> segments = texts("targetSegments", true);
      if (segments != null && segments.isEmpty()) {
        throw fail("targetSegments", "empty: it would target nobody; leave it out to target everyone");
      }
      if (segments != null && knownSegments != null) {
        for (String s : segments) {
          if (!knownSegments.contains(s)) {
            throw fail("targetSegments", "unknown segment '" + s + "'; known segments: " + new TreeSet<>(knownSegments));
          }
        }
      }
      String ruleText = text("targetRule");
      Expression rule = null;
      if (ruleText != null) {
        try {
          rule = ExpressionParser.parseCondition(ruleText, ProfileField.SCHEMA);
        } catch (ExpressionException e) {
          throw fail("targetRule", e.getMessage() + " in '" + ruleText + "'");
        }
      }
      return new Target(segments == null ? Set.of() : new LinkedHashSet<>(segments), ruleText, rule);
    }

    private Window window() {
      Fields w = object("window");
      if (w == null) {
        return Window.ALWAYS;
      }
      Instant start = w.instant("start");
      Instant end = w.instant("end");
      w.finish();
      if (start != null && end != null && !end.isAfter(start)) {
        throw fail("window.end", "must be after window.start (" + start + "), got " + end);
      }
      return new Window(start, end);
    }

    private FrequencyCap frequencyCap() {
      Fields f = object("frequencyCap");
      if (f == null) {
        return null;
      }
      int n = (int) f.integer("impressions", -1, 1, FrequencyCap.MAX_IMPRESSIONS);
      if (n < 0) {
        throw f.fail("impressions", "required: how many impressions per period, 1.." + FrequencyCap.MAX_IMPRESSIONS);
      }
      Duration period = f.duration("period", null, false);
      if (period == null) {
        throw f.fail("period", "required: an ISO-8601 duration such as P1D or PT12H");
      }
      f.finish();
      return new FrequencyCap(n, period);
    }

    private Budget budget(Window window) {
      Fields b = object("budget");
      if (b == null) {
        return null;
      }
      long impressions = b.integer("impressions", -1, 1, Long.MAX_VALUE);
      long redemptions = b.integer("redemptions", -1, 1, Long.MAX_VALUE);
      if ((impressions < 0) == (redemptions < 0)) {
        throw b.fail("impressions", "give exactly one of budget.impressions and budget.redemptions (a positive count)");
      }
      long total = Math.max(impressions, redemptions);
      long daily = b.integer("daily", 0, 0, total);
      Pacing pacing = b.choice("pacing", Pacing.class, Pacing.ASAP);
      b.finish();
      if (pacing == Pacing.EVEN && window.end() == null) {
        throw b.fail("pacing", "'even' spreads the budget over the days left, so it needs window.end");
      }
      return new Budget(impressions > 0 ? BudgetUnit.IMPRESSIONS : BudgetUnit.REDEMPTIONS, total, daily, pacing);
    }

    private Creative creative() {
      Fields c = object("creative");
      if (c == null) {
        return new Creative(null, null, null, null, null);
      }
      Creative out = new Creative(c.text("title"), c.text("text"), c.text("couponCode"), c.text("url"), c.text("image"));
      c.finish();
      return out;
    }

    private Products products() {
      Fields p = object("products");
      if (p == null) {
        return null;
      }
      ProductMode mode = p.choice("mode", ProductMode.class, ProductMode.PIN);
      List<String> ids = p.texts("ids", false);
      String category = p.text("category");
      String brand = p.text("brand");
      if (ids.isEmpty() && category == null && brand == null) {
        throw p.fail("ids", "products need ids, a category or a brand");
      }
      int limit = (int) p.integer("limit", Math.max(DEFAULT_PRODUCT_LIMIT, ids.size()), 1, MAX_PRODUCT_LIMIT);
      p.finish();
      return new Products(mode, ids, category, brand, limit);
    }

    private Control control(String id) {
      Fields c = object("control");
      if (c == null) {
        return null;
      }
      double share = c.number("share", Double.NaN);
      if (!(share >= 0 && share < 1)) {
        throw c.fail("share", "required: the share of users held out, in [0, 1), got " + (Double.isNaN(share) ? "nothing" : share));
      }
      String salt = c.text("salt");
      c.finish();
      return new Control(share, salt == null || salt.isBlank() ? id : salt);
    }

    // --- Typed access: each reads one key and names it on failure. ---

    private JsonNode get(String key) {
      asked.add(key);
      JsonNode v = node.get(key);
      return v == null || v.isNull() ? null : v;
    }

    String text(String key) {
      JsonNode v = get(key);
      if (v == null) {
        return null;
      }
      if (!v.isTextual()) {
        throw fail(key, "expected a string, got " + v);
      }
      return v.textValue();
    }

    boolean bool(String key, boolean otherwise) {
      JsonNode v = get(key);
      if (v == null) {
        return otherwise;
      }
      if (!v.isBoolean()) {
        throw fail(key, "expected true or false, got " + v);
      }
      return v.booleanValue();
    }

    long integer(String key, long otherwise, long min, long max) {
      JsonNode v = get(key);
      if (v == null) {
        return otherwise;
      }
      if (!v.canConvertToLong() || !v.isIntegralNumber()) {
        throw fail(key, "expected a whole number, got " + v);
      }
      long x = v.longValue();
      if (x < min || x > max) {
        throw fail(key, "must be in " + min + ".." + max + ", got " + x);
      }
      return x;
    }

    double number(String key, double otherwise) {
      JsonNode v = get(key);
      if (v == null) {
        return otherwise;
      }
      if (!v.isNumber()) {
        throw fail(key, "expected a number, got " + v);
      }
      return v.doubleValue();
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E otherwise) {
      String t = text(key);
      if (t == null) {
        return otherwise;
      }
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(t)) {
          return e;
        }
      }
      List<String> allowed = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        allowed.add(e.name().toLowerCase(Locale.ROOT));
      }
      throw fail(key, "expected one of " + allowed + ", got '" + t + "'");
    }

    Duration duration(String key, Duration otherwise, boolean zeroAllowed) {
      String t = text(key);
      if (t == null) {
        return otherwise;
      }
      Duration d;
      try {
        d = Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw fail(key, "expected an ISO-8601 duration such as P7D or PT12H, got '" + t + "'");
      }
      if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
        throw fail(key, "must be " + (zeroAllowed ? "zero or positive" : "positive") + ", got " + t);
      }
      return d;
    }

    Instant instant(String key) {
      JsonNode v = get(key);
      if (v == null) {
        return null;
      }
      if (v.isIntegralNumber()) {
        return Instant.ofEpochMilli(v.longValue());
      }
      try {
        return Instant.parse(v.asText());
      } catch (DateTimeParseException e) {
        throw fail(key, "expected an ISO-8601 instant (2026-11-25T10:15:30Z) or epoch milliseconds, got " + v);
      }
    }

    /** A list of non-blank strings; null (when {@code nullWhenAbsent}) or empty when absent. */
    List<String> texts(String key, boolean nullWhenAbsent) {
      JsonNode v = get(key);
      if (v == null) {
        return nullWhenAbsent ? null : List.of();
      }
      if (!v.isArray()) {
        throw fail(key, "expected an array of strings, got " + v);
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual() || e.textValue().isBlank()) {
          throw fail(key, "expected non-empty strings, got " + e);
        }
        out.add(e.textValue());
      }
      return out;
    }

    Fields object(String key) {
      JsonNode v = get(key);
      if (v == null) {
        return null;
      }
      if (!(v instanceof ObjectNode o)) {
        throw fail(key, "expected an object, got " + v);
      }
      return new Fields(o, path + key + ".", line, campaignId);
    }

    void finish() {
      for (var it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!asked.contains(k)) {
          throw fail(k, "unknown key; expected one of " + asked);
        }
      }
    }

    CampaignFileException fail(String key, String problem) {
      return error(line, campaignId, path + key, problem);
    }
  }
}
