package io.qianmian.serving.http;

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
import io.qianmian.serving.campaign.CampaignReport;
import io.qianmian.serving.campaign.Decision;
import io.qianmian.serving.campaign.LiveCampaigns;
import io.qianmian.serving.campaign.UserContext;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Campaigns:
 *
 * <ul>
 *   <li>{@code GET /v1/users/{userId}/campaigns?n=3&channel=app} — the campaigns the shopper is
 *       eligible for, ranked ({@link CampaignDecider}): {@code n} in 1..{@code limits.max-n} (default
 *       {@code campaigns.default-n}); {@code channel} where they will be shown (campaigns restricted
 *       to other channels are left out). Each comes with the probability of its slot and why it was
 *       chosen. Works without a model (then without segment or profile). The answer is reserved
 *       against caps and budgets and journaled before it is sent; a journal that cannot be written
 *       is a 503.
 *   <li>{@code POST /v1/admin/campaigns/reload} — read the campaign file again: {@code 200
 *       {"outcome": "loaded"|"unchanged", "campaigns"}}; an invalid file is a 422 naming the line,
 *       campaign and field, and the previous campaigns keep serving.
 *   <li>{@code GET /v1/admin/campaigns/report} — per campaign and segment: impressions, clicks,
 *       conversions, revenue, budget used, uplift against the control group.
 * </ul>
 *
 * Admin endpoints need {@code Authorization: Bearer <admin.token>}.
 */
public final class CampaignsService implements HttpService {
  private static final byte[] CAMPAIGNS = JsonOut.name("campaigns");
  private static final byte[] CAMPAIGN_ID = JsonOut.name("campaignId");
  private static final byte[] NAME = JsonOut.name("name");
  private static final byte[] POSITION = JsonOut.name("position");
  private static final byte[] PROBABILITY = JsonOut.name("probability");
  private static final byte[] WHY = JsonOut.name("why");
  private static final byte[] RULE = JsonOut.name("rule");
  private static final byte[] PRIORITY = JsonOut.name("priority");
  private static final byte[] DRAW = JsonOut.name("draw");
  private static final byte[] IMPRESSIONS = JsonOut.name("impressions");
  private static final byte[] CONVERSIONS = JsonOut.name("conversions");
  private static final byte[] CREATIVE = JsonOut.name("creative");
  private static final byte[] TITLE = JsonOut.name("title");
  private static final byte[] TEXT = JsonOut.name("text");
  private static final byte[] COUPON_CODE = JsonOut.name("couponCode");
  private static final byte[] URL = JsonOut.name("url");
  private static final byte[] IMAGE = JsonOut.name("image");

  private final CampaignDecider decider;
  private final LiveModel live;
  private final Assignments experiments;
  private final ServingConfig config;
  private final AdminService admin;
  private final HttpMetrics metrics;

  /**
   * @param admin checks the admin token of the admin endpoints
   */
  public CampaignsService(
      CampaignDecider decider, LiveModel live, Assignments experiments, ServingConfig config, AdminService admin,
      HttpMetrics metrics) {
    this.decider = decider;
    this.live = live;
    this.experiments = experiments;
    this.config = config;
    this.admin = admin;
    this.metrics = metrics;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.route(Method.GET, RoutePath.of("/users/{userId}/campaigns"), metrics.timed("campaigns", this::campaigns));
    rules.post("/admin/campaigns/reload", metrics.timed("admin-campaigns-reload", this::reload));
    rules.get("/admin/campaigns/report", metrics.timed("admin-campaigns-report", this::report));
  }

  private void campaigns(ServerRequest req, ServerResponse res) {
    Params p = new Params(req, config.limits());
    String userId = p.pathId("userId");
    int n = p.n(config.campaigns().defaultN());
    String channel = p.text("channel");
    String requestId = RequestIds.next();
    Instant now = Instant.now();
    UserContext ctx = context(live.current(), requestId, userId, channel, now, "campaigns");
    List<Assignment> assigned = experiments.assignAll(userId, ctx.segment(), now);
    Decision d = decide(decider, ctx, n);
    JsonOut out = JsonOut.take(256 + 512 * d.offers().size());
    out.startObject()
        .field(Fields.REQUEST_ID).string(requestId)
        .field(Fields.USER_ID).string(userId)
        .field(Fields.SEGMENT).string(ctx.segment());
    ExperimentsService.writeVariants(out, assigned);
    writeCampaigns(out, d);
    Json.send(res, Status.OK_200, out.endObject());
  }

  /**
   * The shopper as campaigns see them: segment from the model, when one is loaded, and the profile,
   * read only if a campaign's target asks for more than the primary segment — and for the other
   * segments only if the primary one is not a learned cluster ({@link Model#isCluster}).
   */
  static UserContext context(Model m, String requestId, String userId, String channel, Instant now, String placement) {
    return context(m, m == null ? -1 : m.user(userId), requestId, userId, channel, now, placement);
  }

  /** As {@link #context(Model, String, String, String, Instant, String)}, with the user's index {@code u} in {@code m} already looked up. */
  static UserContext context(Model m, int u, String requestId, String userId, String channel, Instant now, String placement) {
    UserContext.Builder b = UserContext.builder(requestId, userId, now).channel(channel).placement(placement);
    if (m == null) {
      return b.build();
    }
    String segment = m.segmentName(u);
    b.segment(segment).profileSource(() -> m.profile(userId));
    if (segment != null && m.isCluster(segment)) {
      b.primaryOnly();
    }
    return b.build();
  }

  /** Decides, or answers 503 when the reservation cannot be made durable. */
  static Decision decide(CampaignDecider decider, UserContext ctx, int n) {
    return durable(decideLater(decider, ctx, n));
  }

  /** Decides, leaving the wait for durability to {@link #durable}; 503 when the reservation fails at once. */
  static CampaignDecider.Pending decideLater(CampaignDecider decider, UserContext ctx, int n) {
    try {
      return decider.decideLater(ctx, n);
    } catch (IOException e) {
      throw unjournaled(e);
    }
  }

  /** The decision once durable, or a 503 when it cannot be made so. */
  static Decision durable(CampaignDecider.Pending d) {
    try {
      return d.await();
    } catch (IOException e) {
      throw unjournaled(e);
    }
  }

  private static ProblemException unjournaled(IOException e) {
    return ProblemException.unavailable("campaign counters cannot be journaled: " + e.getMessage());
  }

  /** The {@code campaigns} array of an answer. */
  static void writeCampaigns(JsonOut out, Decision d) {
    out.field(CAMPAIGNS).startArray();
    for (Decision.Offer o : d.offers()) {
      Campaign c = o.campaign();
      out.startObject()
          .field(CAMPAIGN_ID).string(c.id())
          .field(NAME).string(c.name())
          .field(POSITION).number(o.position())
          .field(PROBABILITY).number(o.probability());
      out.field(WHY).startObject()
          .field(RULE).string(o.why().rule())
          .field(Fields.SEGMENT).string(o.why().segment())
          .field(Fields.SCORE).number(o.why().score())
          .field(PRIORITY).number(o.why().priority())
          .field(DRAW).number(o.why().draw())
          .field(IMPRESSIONS).number(o.why().impressions())
          .field(CONVERSIONS).number(o.why().conversions())
          .endObject();
      Campaign.Creative cr = c.creative();
      out.field(CREATIVE).startObject()
          .field(TITLE).string(cr.title())
          .field(TEXT).string(cr.text())
          .field(COUPON_CODE).string(cr.couponCode())
          .field(URL).string(cr.url())
          .field(IMAGE).string(cr.image())
          .endObject();
      out.endObject();
    }
    out.endArray();
  }

  private void reload(ServerRequest req, ServerResponse res) {
    admin.authorize(req);
    LiveCampaigns.Reload r = decider.campaigns().reload();
    if (r.outcome() == LiveCampaigns.Reload.Outcome.REFUSED) {
      throw new ProblemException(Status.create(422, "Unprocessable Content"), "campaigns-refused", "Campaign file refused",
          r.detail() + "; still serving " + r.campaigns() + " campaigns", null);
    }
    Json.send(res, Status.OK_200, json -> {
      json.writeStartObject();
      json.writeStringField("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
      json.writeNumberField("campaigns", r.campaigns());
      json.writeStringField("detail", r.detail());
      json.writeEndObject();
    });
  }

  private void report(ServerRequest req, ServerResponse res) {
    admin.authorize(req);
    List<CampaignReport> reports = decider.report();
    Json.send(res, Status.OK_200, json -> {
      json.writeStartObject();
      json.writeFieldName("campaigns");
      Json.MAPPER.writeValue(json, reports);
      json.writeEndObject();
    });
  }
}
