package io.qianmian.cli;

import io.qianmian.serving.PersonalizationServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qianmian demo}: the whole pipeline on a generated store, for a newcomer's first run. It
 * drives the other subcommands exactly as a user would type them, so the demo is also a check that
 * the documented commands work together.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline on a generated demo store and starts the server:",
      "generate → import → features → report → train → evaluate → serve, then demo traffic",
      "for the experiment demo-homepage and its analysis.",
      "Results go under --dir (reused on the next run unless --fresh)."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "demo-data", description = "Where the demo writes everything (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--users", defaultValue = "20000", description = "Shoppers in the demo store (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--items", defaultValue = "2000", description = "Products in the demo store (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--days", defaultValue = "60", description = "Days of behavior (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--port", defaultValue = "8080", description = "Server port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--fresh", description = "Regenerate the store even if one is there.")
  boolean fresh;

  @Option(names = "--no-serve", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Start the server at the end (default: on; --no-serve stops after training).")
  boolean serve;

  @Option(names = "--once", description = "Stop after the demo traffic and the analysis instead of serving on.")
  boolean once;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path export = dir.resolve("export");
    Path dataset = dir.resolve("dataset");
    Path features = dir.resolve("features");
    Path report = dir.resolve("report");
    Path models = dir.resolve("models");
    Path evaluation = dir.resolve("evaluation.json");
    List<String> done = new ArrayList<>();
    List<String> missing = new ArrayList<>();

    boolean reuse = !fresh && Files.isRegularFile(dataset.resolve("dataset.json"));
    if (reuse) {
      out.println("demo: reusing the store in " + dataset + " (--fresh makes a new one)");
    } else {
      step(out, done, missing, "generate", "--users", "" + users, "--items", "" + items, "--days", "" + days,
          "--seed", "" + seed, "--format", "csv", "--out", export.toString());
      step(out, done, missing, "import", "--format", "csv", "--input", export.toString(), "--out", dataset.toString());
    }
    if (!Files.isRegularFile(dataset.resolve("dataset.json"))) {
      throw new CliException("no dataset at " + dataset + ": the generate and import steps must work first");
    }
    step(out, done, missing, "features", "--data", dataset.toString(), "--out", features.toString());
    boolean haveFeatures = Files.isDirectory(features);
    List<String> reportArgs = new ArrayList<>(List.of("report", "--data", dataset.toString(), "--out", report.toString()));
    List<String> trainArgs = new ArrayList<>(List.of("train", "--data", dataset.toString(), "--out", models.toString()));
    if (haveFeatures) {
      reportArgs.addAll(List.of("--features", features.toString()));
      trainArgs.addAll(List.of("--features", features.toString()));
    }
    step(out, done, missing, reportArgs.toArray(String[]::new));
    step(out, done, missing, trainArgs.toArray(String[]::new));
    // Mahout's baselines are left to the benchmarks: on the demo store they take minutes.
    step(out, done, missing, "evaluate", "--data", dataset.toString(), "--split", "time:0.2", "--k", "10,20",
        "--models", "popularity,als,cooccurrence,ease", "--out", evaluation.toString());

    out.println();
    out.println("demo: done " + String.join(", ", done) + (missing.isEmpty() ? "" : "; not available yet: " + String.join(", ", missing)));
    out.println("  dataset      " + dataset);
    printIfExists(out, "profiles     ", features.resolve("segments.json"));
    printIfExists(out, "store report ", report.resolve("report.html"));
    printIfExists(out, "models       ", models);
    printIfExists(out, "evaluation   ", evaluation.resolveSibling("evaluation.html"));
    out.flush();
    if (!serve || !Files.isDirectory(models)) {
      return 0;
    }
    String consolePassword = demoPassword();
    Path config = writeServerConfig(demoCampaigns(export.resolve("campaigns.json")), report, consolePassword);
    try (PersonalizationServer server =
        PersonalizationServer.builder().models(models).configFile(config).host("127.0.0.1").port(port).shutdownHook(true).start()) {
      String base = "http://127.0.0.1:" + server.port();
      out.println();
      out.println("demo: the server answers on " + base + "; sending 2,000 demo visits for the experiment 'demo-homepage'…");
      out.flush();
      int events = new DemoTraffic(base).run(2_000, users, seed);
      out.println("demo: " + events + " click and purchase events logged under " + dir.resolve("log"));
      out.flush();
      // The candidate: the served bundle's own lists, estimated off-policy from the logged propensities.
      run(out, "experiments", "analyze", "--log", dir.resolve("log").toString(), "--experiment", "demo-homepage",
          "--config", dir.resolve("experiments.json").toString(), "--candidate-models", models.toString(),
          "--out", dir.resolve("experiment-report").toString());
      out.println();
      out.println("demo: ready on " + base + " — try, in another terminal:");
      out.println("  curl -s '" + base + "/v1/users/u1/homepage?n=10&channel=app'");
      out.println("  curl -s '" + base + "/v1/users/u1/recommendations?n=10'");
      out.println("  curl -s '" + base + "/v1/users/u1/campaigns?n=3&channel=app'");
      out.println("  curl -s '" + base + "/v1/users/u1/profile'");
      out.println("  curl -s '" + base + "/v1/items/p1/similar?n=5'");
      out.println("  curl -s -XPOST '" + base + "/v1/events' -H 'Content-Type: application/json' \\");
      out.println("       -d '{\"userId\":\"u1\",\"type\":\"view\",\"itemId\":\"p7\"}'");
      out.println("  curl -s '" + base + "/v1/experiments/demo-homepage/assignment?userId=u1'");
      out.println("  ./qianmian experiments analyze --log " + dir.resolve("log") + " --experiment demo-homepage --config "
          + dir.resolve("experiments.json") + " --candidate-models " + models + " --out " + dir.resolve("experiment-report"));
      out.println();
      out.println("demo: the web console is at " + base + "/console/ — user 'demo', password '" + consolePassword + "'");
      out.println("  (a new password on every run; ./qianmian console export --report " + report + " --models " + models
          + " --experiments " + dir.resolve("experiment-report") + " --out " + dir.resolve("console") + " writes it for offline use)");
      out.println("Stop it with Ctrl-C.");
      out.flush();
      if (!once) {
        server.awaitShutdown();
      }
    }
    return 0;
  }

  /**
   * The generator's campaigns, open to every shopper: they target the planted segment names, which
   * are the generator's hidden truth and not the names the profiles learn, so the demo drops the
   * targets and lets only the learned response separate the campaigns.
   */
  private Path demoCampaigns(Path generated) throws java.io.IOException {
    Path campaigns = dir.resolve("campaigns.json");
    if (!Files.isRegularFile(generated)) {
      return generated;
    }
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var root = json.readTree(generated.toFile());
    root.path("campaigns").forEach(c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove("targetSegments"));
    json.writerWithDefaultPrettyPrinter().writeValue(campaigns.toFile(), root);
    return campaigns;
  }

  /** The demo server's settings: its log, the example experiment and the generator's campaigns. */
  private Path writeServerConfig(Path campaigns, Path report, String consolePassword) throws java.io.IOException {
    Path experiments = dir.resolve("experiments.json");
    Files.writeString(
        experiments,
        """
        {
          "experiments": [
            {
              "id": "demo-homepage",
              "description": "The default ranking against a blend with more co-occurrence and more category diversity",
              "salt": "demo-homepage",
              "variants": [
                {"name": "control", "weight": 50, "params": {}},
                {"name": "treatment", "weight": 50, "params": {"blend": {"cooccurrence": 2.0}, "diversity": 0.3}}
              ],
              "control": "control"
            }
          ]
        }
        """);
    Path config = dir.resolve("server.yaml");
    Files.writeString(
        config,
        "qianmian:\n"
            + "  events:\n    dir: \"" + dir.resolve("log").toAbsolutePath() + "\"\n"
            + "  experiments:\n    file: \"" + experiments.toAbsolutePath() + "\"\n"
            + "  campaigns:\n    file: \"" + (Files.isRegularFile(campaigns) ? campaigns.toAbsolutePath() : "") + "\"\n"
            + "  console:\n    user: demo\n"
            + "    password-hash: \"" + io.qianmian.serving.console.PasswordHash.create(consolePassword.toCharArray()) + "\"\n"
            + "    report-dir: \"" + report.toAbsolutePath() + "\"\n"
            + "    experiment-reports: \"" + dir.resolve("experiment-report").toAbsolutePath() + "\"\n");
    return config;
  }

  /** A fresh console password per run, so that no demo server ever has a well-known one. */
  private static String demoPassword() {
    byte[] b = new byte[9];
    new java.security.SecureRandom().nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private void step(PrintWriter out, List<String> done, List<String> missing, String... args) {
    int code = run(out, args);
    if (code == 0) {
      done.add(args[0]);
    } else if (code == 2) {
      missing.add(args[0]);
    } else {
      throw new CliException("the '" + args[0] + "' step failed (exit " + code + "); see the message above", code);
    }
  }

  private int run(PrintWriter out, String... args) {
    out.println();
    out.println("$ qianmian " + String.join(" ", args));
    out.flush();
    return spec.root().commandLine().execute(args);
  }

  private static void printIfExists(PrintWriter out, String label, Path p) {
    if (Files.exists(p)) {
      out.println("  " + label + p);
    }
  }
}
