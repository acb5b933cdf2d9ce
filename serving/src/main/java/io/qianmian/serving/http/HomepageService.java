package io.qianmian.serving.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.qianmian.experiments.assign.Assignment;
import io.qianmian.experiments.assign.Assignments;
import io.qianmian.serving.campaign.Campaign;
import io.qianmian.serving.campaign.CampaignDecider;
import io.qianmian.serving.campaign.Decision;
import io.qianmian.serving.campaign.HomepageLayout;
import io.qianmian.serving.campaign.UserContext;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.experiment.ExposureRecorder;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.rank.Policy;
import io.qianmian.serving.rank.Query;
import io.qianmian.serving.rank.Ranker;
import io.qianmian.serving.rank.Ranking;
import io.qianmian.trainer.model.ScoredItems;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * {@code GET /v1/users/{userId}/homepage?n=20&channel=app} → {@code {"requestId", "userId",
 * "segment", "experiments", "campaigns", "items"}}: the hero campaigns ({@code campaigns.default-n}
 * of them, chosen as {@code GET …/campaigns} chooses) and {@code n} items: the chosen campaigns'
 * pinned and boosted products merged into the recommendations ({@link HomepageLayout}), no item
 * twice. A campaign's item has reason {@code pinned:<campaignId>} or {@code boosted:<campaignId>}
 * and its recommendation score, 0 when the recommendations did not hold it. The campaigns are
 * journaled by the decider, the items logged as an exposure with placement {@code homepage}, both
 * under the answer's request id.
 */
public final class HomepageService implements HttpService {
  private static final String PLACEMENT = "homepage";
  /** The most items a campaign's category or brand contributes before the limit and dedupe. */
  private static final int MAX_QUERY_ITEMS = 100;

  private final LiveModel live;
  private final Ranker ranker;
  private final CampaignDecider decider;
  private final Assignments experiments;
  private final ExposureRecorder exposures;
  private final ServingConfig config;
  private final Policy defaults;
  private final HttpMetrics metrics;
  /** A campaign's products in a model: resolved once, since a brand query scans the catalog. */
  private final Cache<ProductsKey, int[]> products = Caffeine.newBuilder().maximumSize(1024).build();

  private record ProductsKey(Model model, Campaign.Products products) {}

  public HomepageService(
      LiveModel live, Ranker ranker, CampaignDecider decider, Assignments experiments, ExposureRecorder exposures,
      ServingConfig config, HttpMetrics metrics) {
    this.live = live;
    this.ranker = ranker;
    this.decider = decider;
    this.experiments = experiments;
    this.exposures = exposures;
    this.config = config;
    this.defaults = Policy.defaults(config.recommendations());
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.route(Method.GET, RoutePath.of("/users/{userId}/homepage"), metrics.timed("homepage", this::homepage));
  }

  private void homepage(ServerRequest req, ServerResponse res) {
    // The model first: a 503 must not spend campaign budgets.
    Model m = Models.require(live);
    Params p = new Params(req, config.limits());
    String userId = p.pathId("userId");
    int n = p.n(config.recommendations().defaultN());
    String channel = p.text("channel");

    Json.send(res, Status.OK_200, answer(m, userId, n, channel));
  }

  /**
   * The answer's JSON for a request whose parameters are already checked: decides (reserving and
   * journaling) the campaigns, lays out the items and logs their exposure. Separate from the HTTP
   * handling so benchmarks can drive it.
   */
  JsonOut answer(Model m, String userId, int n, String channel) {
    String requestId = RequestIds.next();
    Instant now = Instant.now();
    int u = m.user(userId);
    UserContext ctx = CampaignsService.context(m, u, requestId, userId, channel, now, PLACEMENT);
    List<Assignment> assigned = experiments.assignAll(userId, ctx.segment(), now);
    Policy policy = defaults.with(assigned);
    // The campaigns' reservation is journaled while the recommendations are made: by the time they
    // are, it is usually durable, so the answer seldom parks waiting for the disk.
    CampaignDecider.Pending pending =
        CampaignsService.decideLater(decider, ctx, Math.min(config.campaigns().defaultN(), config.limits().maxN()));
    Ranking recommended = ranker.recommend(m, u,
        new Query(userId, n, null, config.recommendations().inStockDefault(), new int[0], requestId.hashCode(), now.toEpochMilli()),
        policy);
    Decision d = CampaignsService.durable(pending);
    Ranking r = layout(m, recommended, d, n);

    ItemsJson items = new ItemsJson(m, r);
    JsonOut out = JsonOut.take(ItemsJson.HEAD_ROOM + 512 * d.offers().size() + items.room());
    out.startObject()
        .field(Fields.REQUEST_ID).string(requestId)
        .field(Fields.USER_ID).string(userId)
        .field(Fields.MODEL_VERSION).string(m.version())
        .field(Fields.SEGMENT).string(ctx.segment());
    ExperimentsService.writeVariants(out, assigned);
    CampaignsService.writeCampaigns(out, d);
    items.write(out, true);
    out.endObject();
    exposures.record(requestId, now.toEpochMilli(), userId, ctx.segment(), assigned, PLACEMENT, m, r, items.fragments());
    return out;
  }

  /** The recommendations with the campaigns' products merged in, as a ranking. */
  private Ranking layout(Model m, Ranking rec, Decision d, int n) {
    if (!HomepageLayout.changes(rec.items(), d.offers(), n)) {
      return rec;
    }
    List<HomepageLayout.Placed> placed =
        HomepageLayout.merge(rec.items(), d.offers(), p -> products.get(new ProductsKey(m, p), k -> resolve(m, k.products())), n);
    int size = placed.size();
    Ranking out = new Ranking(new int[size], new float[size], new String[size], new float[size]);
    for (int k = 0; k < size; k++) {
      HomepageLayout.Placed x = placed.get(k);
      int from = x.recommended();
      out.items()[k] = x.item();
      out.scores()[k] = from >= 0 ? rec.scores()[from] : 0;
      out.reasons()[k] = x.campaignId() == null ? rec.reasons()[from]
          : (x.mode() == Campaign.ProductMode.PIN ? "pinned:" : "boosted:") + x.campaignId();
      // A campaign's products are placed deterministically once the campaign is chosen.
      out.propensities()[k] = x.campaignId() == null ? rec.propensities()[from] : 1;
    }
    return out;
  }

  /**
   * The items a campaign names that can be shown (known, in stock): its ids, then the items of its
   * category (and below) and of its brand — both, when both are given — most popular first, then in
   * catalog order; at most {@link #MAX_QUERY_ITEMS} of the latter. Dense indexes, each once.
   */
  static int[] resolve(Model m, Campaign.Products p) {
    Set<Integer> out = new LinkedHashSet<>();
    for (String id : p.ids()) {
      int i = m.item(id);
      if (i >= 0 && m.inStock(i)) {
        out.add(i);
      }
    }
    if (p.category() == null && p.brand() == null) {
      return indexes(out);
    }
    int[] categories = p.category() == null ? null : m.categoriesNamed(p.category());
    if (p.category() != null && categories == null) {
      return indexes(out);
    }
    IntPredicate matches = i -> m.inStock(i) && (categories == null || m.within(i, categories))
        && (p.brand() == null || p.brand().equals(m.brand(i)));
    int limit = out.size() + MAX_QUERY_ITEMS;
    ScoredItems popular = m.bundle().popular();
    for (int k = 0; k < popular.size() && out.size() < limit; k++) {
      if (matches.test(popular.items()[k])) {
        out.add(popular.items()[k]);
      }
    }
    for (int i = 0; i < m.itemCount() && out.size() < limit; i++) {
      if (matches.test(i)) {
        out.add(i);
      }
    }
    return indexes(out);
  }

  private static int[] indexes(Set<Integer> items) {
    return items.stream().mapToInt(Integer::intValue).toArray();
  }
}
