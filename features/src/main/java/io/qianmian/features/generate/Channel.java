package io.qianmian.features.generate;

/** Where a generated event happened; the names are the ones written in the {@code channel} field. */
enum Channel {
  APP("app"),
  WEB("web"),
  MINI_PROGRAM("mini-program"),
  EMAIL("email"),
  SMS("sms"),
  AD("ad");

  static final Channel[] VALUES = values();
  final String wireName;

  Channel(String wireName) {
    this.wireName = wireName;
  }
}
