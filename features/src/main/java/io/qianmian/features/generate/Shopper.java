package io.qianmian.features.generate;

/**
 * A generated shopper's planted segment and demographics ({@code users.csv}).
 *
 * @param index 0-based; the id is {@code u(index+1)}
 * @param segment the planted segment
 * @param gender F, M or null (not given)
 * @param ageBand e.g. 25-34
 * @param region a province or municipality of China
 * @param registered epoch milliseconds
 */
record Shopper(int index, PlantedSegment segment, String gender, String ageBand, String region, long registered) {}
