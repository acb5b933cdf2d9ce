package io.qianmian.serving.http;

/** Field names that several answers share, encoded once for {@link JsonOut}. */
final class Fields {
  static final byte[] REQUEST_ID = JsonOut.name("requestId");
  static final byte[] USER_ID = JsonOut.name("userId");
  static final byte[] ITEM_ID = JsonOut.name("itemId");
  static final byte[] MODEL_VERSION = JsonOut.name("modelVersion");
  static final byte[] SEGMENT = JsonOut.name("segment");
  static final byte[] PLACEMENT = JsonOut.name("placement");
  static final byte[] SCORE = JsonOut.name("score");

  private Fields() {}
}
