package io.qianmian.experiments.log;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of the event log: an {@link Exposure} (what the server answered) or an {@link Outcome}
 * (what the shopper did). On disk each is one JSON object on its own line, told apart by its
 * {@code "kind"} field ({@code "exposure"} or {@code "outcome"}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Exposure.class, name = "exposure"),
  @JsonSubTypes.Type(value = Outcome.class, name = "outcome")
})
public sealed interface LogRecord permits Exposure, Outcome {
  /** The shopper this record is about. */
  String userId();

  /** When it happened, epoch milliseconds. */
  long time();
}
