package io.qianmian.cli;

import io.qianmian.serving.console.OfflineConsole;
import io.qianmian.serving.console.PasswordHash;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qianmian console hash} and {@code qianmian console export}: the web console's password
 * hash for the server's configuration, and its pages as an offline folder.
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "The web console at /console/ of the server: make a password hash for its configuration,",
      "or write its pages with snapshots of the report files into a folder that opens without a server."
    })
final class ConsoleCommand {
  @Spec CommandSpec spec;

  @Command(
      name = "hash",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the salted PBKDF2 hash of a password or token for qianmian.console.password-hash or token-hash.",
        "Reads the secret from the terminal (not echoed) or, with --stdin, from the first line of standard input."
      })
  int hash(@Option(names = "--stdin", description = "Read the secret from standard input (scripts).") boolean stdin) throws IOException {
    char[] secret;
    if (stdin) {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      secret = line == null ? new char[0] : line.toCharArray();
    } else if (System.console() != null) {
      secret = System.console().readPassword("Password: ");
      char[] again = System.console().readPassword("Again: ");
      if (secret == null || again == null || !java.util.Arrays.equals(secret, again)) {
        throw new CliException("the two entries differ");
      }
    } else {
      throw new CliException("no terminal to read the password from: pipe it in with --stdin");
    }
    if (secret.length == 0) {
      throw new CliException("the password must not be empty");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(PasswordHash.create(secret));
    out.flush();
    java.util.Arrays.fill(secret, '\0');
    return 0;
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the console's pages and JSON snapshots of the report files into --out; open OUT/index.html",
        "in a browser, no server needed. Pages without a source say so."
      })
  int export(
      @Option(names = "--report", paramLabel = "DIR", description = "The --out folder of 'qianmian report' (metrics.json).") Path report,
      @Option(names = "--models", paramLabel = "DIR", description = "A models directory: its current bundle's segments and manifest.") Path models,
      @Option(names = "--experiments", paramLabel = "DIR", description = "A folder of 'qianmian experiments analyze --out' folders (or one).") Path experiments,
      @Option(names = "--campaigns", paramLabel = "FILE", description = "The JSON of GET /console/api/campaigns saved from a server.") Path campaigns,
      @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the pages go (created if missing).") Path out)
      throws IOException {
    check("--report", report, true);
    check("--models", models, true);
    check("--experiments", experiments, true);
    check("--campaigns", campaigns, false);
    List<String> pages = OfflineConsole.export(new OfflineConsole.Sources(report, models, experiments, campaigns), out);
    PrintWriter w = spec.commandLine().getOut();
    w.println("console: wrote " + out.resolve("index.html") + " (pages with data: " + (pages.isEmpty() ? "none" : String.join(", ", pages)) + ")");
    w.flush();
    return 0;
  }

  private static void check(String option, Path p, boolean directory) {
    if (p != null && !(directory ? Files.isDirectory(p) : Files.isRegularFile(p))) {
      throw new CliException(option + " " + p + ": no such " + (directory ? "directory" : "file"));
    }
  }
}
