package io.qianmian.serving;

import io.qianmian.experiments.assign.Assignments;
import io.qianmian.experiments.assign.ExperimentsConfig;
import io.qianmian.experiments.log.EventLog;
import io.qianmian.serving.campaign.CampaignDecider;
import io.qianmian.serving.campaign.CampaignSet;
import io.qianmian.serving.campaign.CounterSettings;
import io.qianmian.serving.campaign.CounterStore;
import io.qianmian.serving.campaign.JournaledCounterStore;
import io.qianmian.serving.campaign.LiveCampaigns;
import io.qianmian.serving.campaign.RedisCounterStore;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.events.EventIngest;
import io.qianmian.serving.events.EventParser;
import io.qianmian.serving.experiment.ExposureRecorder;
import io.qianmian.serving.http.Json;
import io.qianmian.serving.model.BundleSource;
import io.qianmian.serving.model.BundleWatcher;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.model.Model;
import io.qianmian.serving.model.ModelReloader;
import io.qianmian.serving.profile.ProfileCache;
import io.qianmian.serving.rank.CandidateCache;
import io.qianmian.serving.rank.Ranker;
import io.qianmian.serving.rank.SimilarItems;
import io.qianmian.serving.session.SessionStore;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * The server's parts, wired once from the configuration: the live model and its reloader, sessions,
 * caches, ranking, the event log, experiments, campaigns. {@link Main#routing} builds the HTTP routes on them.
 */
final class Serving implements AutoCloseable {
  private static final Logger LOG = System.getLogger(Serving.class.getName());

  final ServingConfig config;
  final LiveModel live = new LiveModel();
  final ModelReloader reloader;
  final SessionStore sessions;
  final CandidateCache candidates;
  final SimilarItems similar;
  final ProfileCache profiles;
  final Ranker ranker;
  final EventLog log;
  final Assignments experiments;
  final ExposureRecorder exposures;
  final EventParser parser;
  final EventIngest ingest;
  final CampaignDecider campaigns;
  private BundleWatcher watcher;

  private Serving(ServingConfig config, BundleSource source, EventLog log, Assignments experiments) throws IOException {
    this.config = config;
    this.log = log;
    this.experiments = experiments;
    this.reloader = new ModelReloader(source, live, config.vectors(), config.awaitVectorsAtStart());
    ServingConfig.Sessions s = config.sessions();
    this.sessions = new SessionStore(s.maxUsers(), s.ttl(), s.maxItems());
    ServingConfig.Caches c = config.caches();
    this.candidates = new CandidateCache(c.candidatesMaxUsers(), c.candidatesTtl());
    this.similar = new SimilarItems(config.similar(), config.recommendations().fusionK(), c.similarMaxItems());
    this.profiles = new ProfileCache(c.profilesMaxUsers(), c.profilesTtl());
    this.ranker = new Ranker(config.recommendations(), sessions, candidates);
    this.exposures = new ExposureRecorder(log);
    this.parser = new EventParser(Json.MAPPER, config.limits().maxBatchEvents(), config.limits().maxIdLength());
    ServingConfig.Campaigns cc = config.campaigns();
    this.campaigns =
        CampaignDecider.builder(
                cc.file() == null ? LiveCampaigns.of(CampaignSet.EMPTY) : LiveCampaigns.load(cc.file(), this::segmentNames),
                counterStore(cc, log))
            .draws(cc.draws())
            .build();
    this.ingest = new EventIngest(log, sessions, user -> {
      candidates.entries().invalidate(user);
      profiles.entries().invalidate(user);
    }, campaigns::outcome);
    live.onSwap(m -> {
      candidates.entries().invalidateAll();
      similar.invalidateAll();
      profiles.entries().invalidateAll();
      if (config.similar().precompute()) {
        similar.precompute(m, () -> live.current() == m);
      }
      ranker.precompute(m, () -> live.current() == m);
    });
  }

  /**
   * Wires the parts: opens the event log (replaying it into the campaign counters), reads the
   * experiments and campaign files.
   *
   * @throws IOException when the event log cannot be opened or read, or a file cannot be read
   * @throws IllegalArgumentException for an invalid campaign file (a {@code CampaignFileException})
   */
  static Serving create(ServingConfig config, BundleSource source) throws IOException {
    Assignments experiments =
        Assignments.of(config.experimentsFile() == null ? ExperimentsConfig.empty() : ExperimentsConfig.read(config.experimentsFile()));
    EventLog log = EventLog.builder(config.eventsDir()).deferral(config.exposureDeferral()).open();
    try {
      return new Serving(config, source, log, experiments);
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  /** The campaign counters the configuration names: embedded (journaled in the event log) or Redis. */
  private static CounterStore counterStore(ServingConfig.Campaigns cc, EventLog log) throws IOException {
    CounterSettings settings = new CounterSettings(cc.attributionWindow(), cc.timeZone());
    ServingConfig.Counters c = cc.counters();
    return switch (c.store()) {
      case EMBEDDED -> JournaledCounterStore.open(log, settings, c.snapshotInterval());
      case REDIS -> RedisCounterStore.builder(c.redisUri(), settings)
          .keyPrefix(c.redisKeyPrefix())
          .timeout(c.redisTimeout())
          .userTtl(c.userTtl())
          .evidenceCache(c.evidenceCache())
          .log(log)
          .open();
    };
  }

  /** The segments campaigns may target: the loaded model's, or null (unchecked) before one loads. */
  private Set<String> segmentNames() {
    Model m = live.current();
    return m == null ? null : Set.copyOf(m.bundle().segments());
  }

  /** Loads the newest complete bundle, then watches the models directory when configured to. */
  void loadModels() {
    var r = reloader.loadNewestComplete();
    if (!live.ready()) {
      LOG.log(Level.WARNING, "no model loaded yet (" + r.detail() + "); answering 503 until a bundle is published");
    }
    if (config.watch() && config.modelsDir() != null && watcher == null) {
      watcher = BundleWatcher.start(config.modelsDir(), reloader, config.watchQuietPeriod(), config.pollInterval());
    }
  }

  @Override
  public void close() throws IOException {
    if (watcher != null) {
      watcher.close();
    }
    try {
      exposures.close(); // drains its queue into the log, so before the log closes
    } finally {
      try {
        log.close();
      } finally {
        campaigns.counters().close(); // after the log: the embedded store then snapshots all of it
      }
    }
  }
}
