package io.qianmian.serving.campaign;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A growing dictionary of names (campaign ids, segments) to dense codes from 0, so that per-user
 * state can hold an int where it would hold a reference. Lookups are lock-free; adding is rare.
 */
final class Names {
  private final ConcurrentHashMap<String, Integer> codes = new ConcurrentHashMap<>();
  private volatile String[] names = new String[8];

  /** The name's code, added if new. */
  int code(String name) {
    Integer c = codes.get(name);
    return c != null ? c : add(name);
  }

  /** The name's code, or -1 when it was never added. */
  int find(String name) {
    Integer c = codes.get(name);
    return c == null ? -1 : c;
  }

  /** The name of a code this dictionary gave out. */
  String name(int code) {
    return names[code];
  }

  private synchronized int add(String name) {
    Integer c = codes.get(name);
    if (c != null) {
      return c;
    }
    int code = codes.size();
    String[] n = names.length > code ? names : Arrays.copyOf(names, names.length * 2);
    n[code] = name;
    names = n;
    // Published after its name, so that whoever sees the code can read the name.
    codes.put(name, code);
    return code;
  }
}
