package io.qianmian.serving.console;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import io.qianmian.experiments.assign.Assignments;
import io.qianmian.serving.campaign.CampaignDecider;
import io.qianmian.serving.config.ServingConfig;
import io.qianmian.serving.http.ProblemException;
import io.qianmian.serving.model.LiveModel;
import io.qianmian.serving.rank.Ranker;

/**
 * The read-only web console under {@code /console/}: the pages (static files from the class path,
 * ECharts and Swagger UI from their WebJars) and their JSON, all behind a login. Without credentials
 * in {@code qianmian.console} nothing is registered and {@code /console} is a 404. The shopper-facing
 * {@code /v1} API is untouched.
 */
public final class Console {
  /** Where ECharts' WebJar keeps its files. */
  static final String ECHARTS = webjar("org.webjars.npm", "echarts") + "/dist";
  /** Where Swagger UI's WebJar keeps its files. */
  static final String SWAGGER_UI = webjar("org.webjars", "swagger-ui");

  private final ConsoleSettings settings;
  private final ConsoleAuth auth;
  private final ConsoleApi api;

  private Console(ConsoleSettings settings, ConsoleAuth auth, ConsoleApi api) {
    this.settings = settings;
    this.auth = auth;
    this.api = api;
  }

  /**
   * The console over the server's parts, configured by {@code qianmian.console}.
   *
   * @throws IllegalArgumentException naming the key of a bad console setting
   */
  public static Console create(ServingConfig config, LiveModel live, Ranker ranker, Assignments experiments, CampaignDecider campaigns) {
    ConsoleSettings s = ConsoleSettings.from(config.helidon());
    if (!s.enabled()) {
      return new Console(s, null, null);
    }
    ShopperLookup shoppers = new ShopperLookup(ranker, experiments, campaigns, config);
    ExperimentReports reports = new ExperimentReports(experiments.config(), config.eventsDir(), s.experimentReports(), s.analysisTtl());
    return new Console(s, new ConsoleAuth(s, new Sessions(s.sessionTtl())), new ConsoleApi(s, config, live, shoppers, campaigns, reports));
  }

  /** Whether credentials are configured, i.e. whether {@link #register} adds anything. */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Adds the console's routes: the login first, so that everything after it needs a session.
   * Without credentials every {@code /console} path is a 404 problem.
   */
  public void register(HttpRouting.Builder routing) {
    if (!enabled()) {
      io.helidon.webserver.http.Handler off = (req, res) -> {
        throw ProblemException.notFound(null, "the console is off: no credentials in qianmian.console");
      };
      routing.any("/console", off).any("/console/*", off);
      return;
    }
    routing.get("/console", (req, res) -> {
      res.status(Status.SEE_OTHER_303);
      res.header(HeaderNames.LOCATION, "/console/");
      res.send();
    });
    routing.register("/console", auth);
    routing.register("/console/api", api);
    routing.register("/console/lib/echarts", classpath(ECHARTS, null));
    routing.register("/console/lib/swagger-ui", classpath(SWAGGER_UI, null));
    routing.register("/console", classpath("console", "index.html"));
  }

  /** A WebJar's folder, at the version on the class path (the root pom manages it). */
  private static String webjar(String group, String artifact) {
    String props = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = Console.class.getClassLoader().getResourceAsStream(props)) {
      if (in == null) {
        throw new IllegalStateException("the " + group + ":" + artifact + " WebJar is missing from the class path");
      }
      p.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return "META-INF/resources/webjars/" + artifact + "/" + p.getProperty("version");
  }

  private static io.helidon.webserver.http.HttpService classpath(String location, String welcome) {
    ClasspathHandlerConfig.Builder b = ClasspathHandlerConfig.builder().location(location);
    if (welcome != null) {
      b.welcome(welcome);
    }
    return StaticContentFeature.createService(b.build());
  }
}
