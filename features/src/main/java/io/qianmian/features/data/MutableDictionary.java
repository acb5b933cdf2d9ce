package io.qianmian.features.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Assigns dense ints to ids in order of first sight, while a dataset is being built. */
final class MutableDictionary {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();

  /** The index of this id, adding it if new; -1 for null or empty. */
  int intern(String id) {
    if (id == null || id.isEmpty()) {
      return -1;
    }
    Integer known = index.get(id);
    if (known != null) {
      return known;
    }
    int next = ids.size();
    index.put(id, next);
    ids.add(id);
    return next;
  }

  int size() {
    return ids.size();
  }

  IdDictionary freeze() {
    return new IdDictionary(ids.toArray(String[]::new));
  }
}
