package io.qianmian.serving.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.EventType;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the body of {@code POST /v1/events}: one event object, or {@code {"events": [ … ]}}. Every
 * event is checked before any is accepted (a batch is all-or-nothing), and a problem names the
 * field, e.g. {@code events[3].type}. Unknown fields are ignored, so clients may send more.
 */
public final class EventParser {
  private static final String TYPES =
      Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));

  private final ObjectMapper json;
  private final int maxBatch;
  private final int maxIdLength;

  /**
   * @param json the mapper to parse with
   * @param maxBatch most events in one body
   * @param maxIdLength longest id accepted
   */
  public EventParser(ObjectMapper json, int maxBatch, int maxIdLength) {
    this.json = json;
    this.maxBatch = maxBatch;
    this.maxIdLength = maxIdLength;
  }

  /**
   * The events of a body.
   *
   * @param nowMillis the timestamp of events that give none
   * @throws InvalidEventException naming the field of the first problem
   */
  public List<BehaviorEvent> parse(byte[] body, long nowMillis) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw InvalidEventException.malformed(e.getOriginalMessage() + locate(e));
    } catch (IOException e) {
      throw InvalidEventException.malformed(e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw InvalidEventException.malformed("the body is empty; send one event or {\"events\": [ … ]}");
    }
    if (!root.isObject()) {
      throw new InvalidEventException(null, "the body must be a JSON object: one event or {\"events\": [ … ]}");
    }
    if (!root.has("events")) {
      return List.of(event(root, "", nowMillis));
    }
    JsonNode list = root.get("events");
    if (!list.isArray()) {
      throw new InvalidEventException("events", "events must be an array of event objects");
    }
    if (list.isEmpty()) {
      throw new InvalidEventException("events", "events must hold at least one event");
    }
    if (list.size() > maxBatch) {
      throw InvalidEventException.tooMany(list.size(), maxBatch);
    }
    List<BehaviorEvent> out = new ArrayList<>(list.size());
    for (int k = 0; k < list.size(); k++) {
      out.add(event(list.get(k), "events[" + k + "].", nowMillis));
    }
    return out;
  }

  private static String locate(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  private BehaviorEvent event(JsonNode node, String at, long now) {
    if (!node.isObject()) {
      throw new InvalidEventException(at.isEmpty() ? null : at.substring(0, at.length() - 1), "each event must be a JSON object");
    }
    String userId = id(node, at, "userId", true);
    String typeText = text(node, at, "type", true, 64);
    EventType type =
        EventType.parse(typeText)
            .orElseThrow(() -> new InvalidEventException(at + "type", "unknown event type '" + typeText + "'; expected one of " + TYPES));
    String itemId = id(node, at, "itemId", type.needsItem());
    return new BehaviorEvent(
        userId,
        itemId,
        type,
        timestamp(node, at, now),
        quantity(node, at),
        price(node, at),
        id(node, at, "orderId", false),
        id(node, at, "sessionId", false),
        id(node, at, "channel", false),
        id(node, at, "campaignId", false),
        id(node, at, "requestId", false));
  }

  private String id(JsonNode node, String at, String field, boolean required) {
    return text(node, at, field, required, maxIdLength);
  }

  private static String text(JsonNode node, String at, String field, boolean required, int maxLength) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new InvalidEventException(at + field, field + " is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidEventException(at + field, field + " must be a string; got " + kind(v));
    }
    String s = v.textValue();
    if (s.isBlank()) {
      if (required) {
        throw new InvalidEventException(at + field, field + " must not be empty");
      }
      return null;
    }
    if (s.length() > maxLength) {
      throw new InvalidEventException(at + field, field + " is " + s.length() + " characters long; at most " + maxLength + " are accepted");
    }
    return s;
  }

  private static long timestamp(JsonNode node, String at, long now) {
    JsonNode v = node.get("timestamp");
    if (v == null || v.isNull()) {
      return now;
    }
    if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
      return v.longValue();
    }
    if (v.isTextual()) {
      String s = v.textValue().trim();
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e2) {
          // reported below
        }
      }
    }
    throw new InvalidEventException(
        at + "timestamp", "timestamp must be an ISO-8601 instant (2026-11-25T10:15:30Z) or epoch milliseconds; got " + shorten(v));
  }

  private static int quantity(JsonNode node, String at) {
    JsonNode v = node.get("quantity");
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw new InvalidEventException(at + "quantity", "quantity must be a whole number ≥ 0; got " + shorten(v));
    }
    return v.intValue();
  }

  private static double price(JsonNode node, String at) {
    JsonNode v = node.get("price");
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < 0) {
      throw new InvalidEventException(at + "price", "price must be a number ≥ 0; got " + shorten(v));
    }
    return v.doubleValue();
  }

  private static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String shorten(JsonNode v) {
    String s = v.toString();
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
