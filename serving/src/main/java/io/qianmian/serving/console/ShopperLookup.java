package io.qianmian.serving.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qianmian.experiments.assign.Assignment;
import io.qianmian.experiments.assign.Assignments;
import io.qianmian.features.profile.UserProfile;
import io.qianmian.serving.campaign.Campaign;
import io.qianmian.serving.campaign.CampaignDecider;
import io.qianmian.serving.campaign.Decision;
import io.qianmian.serving.campaign.ProfileFacts;
import io.qianmian.serving.campaign.UserContext;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Policy;
import io.qianmian.serving.rank.Query;
import io.qianmian.serving.rank.Ranker;
import io.qianmian.serving.rank.Ranking;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the server would show one shopper now, for the console: the profile, the experiment variants,
 * the recommendations of {@code GET /v1/users/{id}/recommendations} (same ranker, same policy with
 * the same variants) and the campaigns of {@code GET /v1/users/{id}/campaigns} (same decider, over
 * {@link PreviewCounters}). A lookup logs no exposure and spends no campaign budget.
 */
final class ShopperLookup {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Ranker ranker;
  private final Assignments experiments;
  private final CampaignDecider campaigns;
  private final Policy defaults;
  private final ServingConfig config;

  ShopperLookup(Ranker ranker, Assignments experiments, CampaignDecider live, ServingConfig config) {
    this.ranker = ranker;
    this.experiments = experiments;
    this.campaigns = CampaignDecider.builder(live.campaigns(), new PreviewCounters(live.counters())).draws(config.campaigns().draws()).build();
    this.defaults = Policy.defaults(config.recommendations());
    this.config = config;
  }

  /** The shopper's page; the model must be loaded. */
  ObjectNode lookup(Model m, String userId, String channel) throws IOException {
    String requestId = "console-" + UUID.randomUUID();
    Instant now = Instant.now();
    String segment = m.segmentName(userId);
    Optional<UserProfile> profile = m.profile(userId);
    List<Assignment> assigned = experiments.assignAll(userId, segment, now);
    int n = config.recommendations().defaultN();
    Ranking r = ranker.recommend(
        m, new Query(userId, n, null, config.recommendations().inStockDefault(), new int[0], requestId.hashCode(), now.toEpochMilli()),
        defaults.with(assigned));

    ObjectNode out = F.objectNode();
    out.put("userId", userId);
    out.put("modelVersion", m.version());
    out.put("segment", segment);
    out.put("knownUser", m.user(userId) >= 0);
    out.set("profile", profile.isPresent() ? ConsoleData.JSON.valueToTree(profile.get()) : null);
    ArrayNode variants = out.putArray("experiments");
    for (Assignment a : assigned) {
      variants.addObject().put("experimentId", a.experimentId()).put("variant", a.variant());
    }
    ArrayNode items = out.putArray("items");
    for (int k = 0; k < r.size(); k++) {
      int i = r.items()[k];
      items.addObject()
          .put("itemId", m.itemId(i))
          .put("score", r.scores()[k])
          .put("reason", r.reasons()[k])
          .put("title", m.title(i))
          .put("category", m.categoryPath(i))
          .put("price", m.price(i));
    }
    out.set("campaigns", campaigns(m, requestId, userId, channel, now, segment, profile));
    return out;
  }

  private ArrayNode campaigns(
      Model m, String requestId, String userId, String channel, Instant now, String segment, Optional<UserProfile> profile) throws IOException {
    // The context the campaigns endpoint builds for the same shopper.
    UserContext.Builder b = UserContext.builder(requestId, userId, now).channel(channel).placement("console").segment(segment);
    profile.ifPresent(p -> b.profile(ProfileFacts.of(p)).segments(Set.copyOf(p.segments())));
    Decision d = campaigns.decide(b.build(), config.campaigns().defaultN());
    ArrayNode out = F.arrayNode();
    for (Decision.Offer o : d.offers()) {
      Campaign c = o.campaign();
      ObjectNode row = out.addObject().put("campaignId", c.id()).put("name", c.name()).put("position", o.position())
          .put("probability", o.probability());
      row.set("why", ConsoleData.JSON.valueToTree(o.why()));
      row.set("creative", ConsoleData.JSON.valueToTree(c.creative()));
    }
    return out;
  }
}
