package io.qianmian.experiments.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qianmian.experiments.log.Exposure;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic candidate policy from a JSON Lines file of rankings, one per user:
 * {@code {"userId": "u17", "items": ["p3", "p1", …]}}; the item at index k is shown in slot k with
 * probability 1. A ranking for the user id {@code "*"} serves users without their own; users with
 * neither get nothing the logged items could match (probability 0), which counts as "no reward"
 * for their requests.
 */
public final class RankingFilePolicy implements Policy {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String[]> rankings;
  private final String[] fallback;
  private final String name;

  private RankingFilePolicy(Map<String, String[]> rankings, String name) {
    this.fallback = rankings.remove("*");
    this.rankings = Map.copyOf(rankings);
    this.name = name;
  }

  /** A policy from rankings held in memory. */
  public static RankingFilePolicy of(Map<String, List<String>> rankings) {
    Map<String, String[]> copy = new HashMap<>();
    rankings.forEach((u, items) -> copy.put(u, items.toArray(String[]::new)));
    return new RankingFilePolicy(copy, "rankings");
  }

  /**
   * Reads a rankings file.
   *
   * @throws IllegalArgumentException naming the file and line of a bad row
   */
  public static RankingFilePolicy read(Path file) throws IOException {
    Map<String, String[]> rankings = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNo + ": ";
        JsonNode row;
        try {
          row = JSON.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(where + "not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode user = row.get("userId");
        JsonNode items = row.get("items");
        if (user == null || !user.isTextual() || items == null || !items.isArray()) {
          throw new IllegalArgumentException(where + "expected {\"userId\": \"…\", \"items\": [\"…\", …]}");
        }
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.asText()));
        rankings.put(user.asText(), ids.toArray(String[]::new));
      }
    }
    return new RankingFilePolicy(rankings, "rankings " + file.getFileName());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double probability(Exposure context, String itemId, int position) {
    String[] ranking = rankings.getOrDefault(context.userId(), fallback);
    return ranking != null && position < ranking.length && ranking[position].equals(itemId) ? 1 : 0;
  }
}
