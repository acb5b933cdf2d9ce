package io.qianmian.features.profile;

import io.qianmian.features.segment.Schema;
import io.qianmian.features.segment.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields of a profile that segment rules and clustering features may use. Days are measured
 * back from the as-of time and may be fractional; "unknown" numbers (NaN) make comparisons false.
 */
public enum ProfileField {
  R("r", "RFM recency score 1-5, 5 = most recent (0 for users who never bought)"),
  F("f", "RFM frequency score 1-5, 5 = most orders (0 for users who never bought)"),
  M("m", "RFM monetary score 1-5, 5 = highest spend (0 for users who never bought)"),
  RECENCY("recency", "days since the last purchase (unknown if never bought)"),
  FREQUENCY("frequency", "orders: distinct order ids, plus one per purchase time without an order id"),
  MONETARY("monetary", "spend on purchases minus refunds"),
  CELL("cell", ValueType.TEXT, names(RfmCell.values()), "RFM cell: champions, loyal, ... lost, prospect (never bought)"),
  LIFECYCLE("lifecycle", ValueType.TEXT, names(LifecycleStage.values()), "lifecycle stage: new, active, loyal, at-risk, churned"),
  DAYS_SINCE_LAST_PURCHASE("daysSinceLastPurchase", "days since the last purchase (unknown if never bought)"),
  DAYS_SINCE_FIRST_PURCHASE("daysSinceFirstPurchase", "days since the first purchase (unknown if never bought)"),
  DAYS_SINCE_LAST_EVENT("daysSinceLastEvent", "days since the last event of any kind (unknown without events)"),
  DAYS_SINCE_FIRST_EVENT("daysSinceFirstEvent", "days since the first event of any kind (unknown without events)"),
  TENURE_DAYS("tenureDays", "days since registration, or since the first event when registration is unknown"),
  PURCHASE_CYCLE("purchaseCycle", "median days between consecutive orders (unknown with fewer than 2 orders)"),
  AOV("aov", "average order value: purchase spend / orders (unknown if never bought)"),
  PRICE_BAND("priceBand", ValueType.TEXT, names(PriceBand.values()), "low, mid or high: the user's average unit price among the catalog's price tertiles"),
  AVG_UNIT_PRICE("avgUnitPrice", "average unit price paid, or of the items looked at by users who never bought"),
  DISCOUNT("discount", "average 1 - paid / list price over purchased units with both prices (0 = full price)"),
  CAMPAIGN_SHARE("campaignShare", "share of purchase rows that came through a campaign"),
  EVENTS("events", "events of any kind"),
  VIEWS("views", "view events"),
  CLICKS("clicks", "click events"),
  CARTS("carts", "add-to-cart events"),
  FAVOURITES("favourites", "favourite events"),
  PURCHASES("purchases", "purchase rows (order lines)"),
  REFUNDS("refunds", "refund rows"),
  UNITS("units", "units bought"),
  REFUND_AMOUNT("refundAmount", "money refunded"),
  TOP_AFFINITY("topAffinity", "the largest category affinity (0-1): how focused the user's interest is"),
  CHANNEL("channel", ValueType.TEXT, Set.of(), "the most used channel (app, web, ...), unknown if none"),
  GENDER("gender", ValueType.TEXT, Set.of(), "as the store records it, unknown if absent"),
  AGE_BAND("ageBand", ValueType.TEXT, Set.of(), "e.g. 25-34, unknown if absent"),
  REGION("region", ValueType.TEXT, Set.of(), "country, province or city, unknown if absent");

  /** {@code affinity(category "X")}, {@code affinity(brand "X")}, {@code share(channel "X")}. */
  static final Map<String, Set<String>> LOOKUPS = Map.of("affinity", Set.of("category", "brand"), "share", Set.of("channel"));

  /** The schema segment expressions are checked against. */
  public static final Schema SCHEMA = schema();

  private final String fieldName;
  private final ValueType type;
  private final Set<String> values;
  private final String description;

  ProfileField(String fieldName, String description) {
    this(fieldName, ValueType.NUMBER, Set.of(), description);
  }

  ProfileField(String fieldName, ValueType type, Set<String> values, String description) {
    this.fieldName = fieldName;
    this.type = type;
    this.values = values;
    this.description = description;
  }

  /** As written in expressions. */
  public String fieldName() {
    return fieldName;
  }

  /** One line of documentation. */
  public String description() {
    return description;
  }

  static ProfileField named(String name) {
    for (ProfileField f : values()) {
      if (f.fieldName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no profile field " + name);
  }

  private static Set<String> names(Enum<?>[] constants) {
    return Arrays.stream(constants).map(Object::toString).collect(Collectors.toUnmodifiableSet());
  }

  private static Schema schema() {
    List<Schema.Field> fields = new ArrayList<>();
    for (ProfileField f : values()) {
      fields.add(new Schema.Field(f.fieldName, f.type, f.values, f.description));
    }
    return Schema.of(fields, LOOKUPS);
  }
}
