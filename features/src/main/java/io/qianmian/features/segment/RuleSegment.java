package io.qianmian.features.segment;

/**
 * A segment defined by a condition in configuration, e.g. {@code high-value: r >= 4 and f >= 4}.
 *
 * @param name unique segment name
 * @param text the condition as written
 * @param condition the parsed condition
 */
public record RuleSegment(String name, String text, Expression condition) {}
