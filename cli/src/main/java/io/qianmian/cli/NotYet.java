package io.qianmian.cli;

/** For subcommands whose issue has not landed yet: say so and exit 2. */
final class NotYet {
  private NotYet() {}

  static Integer say(String command, String what) {
    System.err.println("qianmian " + command + ": not available yet (" + what + ")");
    return 2;
  }
}
