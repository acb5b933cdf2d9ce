package io.qianmian.trainer.baseline;

import io.qianmian.trainer.model.Interactions;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;

/**
 * Our interactions as Mahout Taste data models. Taste ids are longs; ours are the dense indexes, so
 * no mapping is needed. Users without interactions are left out (Taste has no empty users).
 */
final class TasteData {
  /**
   * Mahout logs each iteration and step at INFO (through SLF4J, which the command line sends to
   * java.util.logging); the evaluation reports its own progress, so only Mahout's warnings pass.
   * Held in a field: java.util.logging forgets the level of a logger nobody references.
   */
  private static final Logger MAHOUT_LOG = Logger.getLogger("org.apache.mahout");

  static {
    MAHOUT_LOG.setLevel(Level.WARNING);
  }

  private TasteData() {}

  /** Which items each user has, without strengths: what similarity-based Taste recommenders read. */
  static DataModel booleanPrefs(Interactions x) {
    FastByIDMap<FastIDSet> users = new FastByIDMap<>(x.userCount());
    for (int u = 0; u < x.userCount(); u++) {
      int n = x.rowLength(u);
      if (n > 0) {
        FastIDSet items = new FastIDSet(n);
        for (int j = x.rowStart()[u]; j < x.rowStart()[u + 1]; j++) {
          items.add(x.items()[j]);
        }
        users.put(u, items);
      }
    }
    return new GenericBooleanPrefDataModel(users);
  }

  /** Users' items with their strengths, which implicit ALS-WR reads as confidence. */
  static DataModel withValues(Interactions x) {
    FastByIDMap<PreferenceArray> users = new FastByIDMap<>(x.userCount());
    for (int u = 0; u < x.userCount(); u++) {
      int n = x.rowLength(u);
      if (n > 0) {
        PreferenceArray prefs = new GenericUserPreferenceArray(n);
        prefs.setUserID(0, u);
        for (int j = 0; j < n; j++) {
          int at = x.rowStart()[u] + j;
          prefs.setItemID(j, x.items()[at]);
          prefs.setValue(j, x.values()[at]);
        }
        users.put(u, prefs);
      }
    }
    return new GenericDataModel(users);
  }
}
