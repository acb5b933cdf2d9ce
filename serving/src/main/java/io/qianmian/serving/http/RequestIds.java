package io.qianmian.serving.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: 128 random bits in hex. Events quote them back to attribute outcomes to answers, so
 * they must not collide; ThreadLocalRandom keeps them off any shared lock (unlike UUID.randomUUID).
 */
final class RequestIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] c = new char[32];
    fill(c, 0, r.nextLong());
    fill(c, 16, r.nextLong());
    return new String(c);
  }

  private static void fill(char[] c, int at, long bits) {
    for (int i = 15; i >= 0; i--) {
      c[at + i] = HEX[(int) (bits & 15)];
      bits >>>= 4;
    }
  }
}
