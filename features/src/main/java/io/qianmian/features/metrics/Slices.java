package io.qianmian.features.metrics;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.Events;
import io.qianmian.features.segment.SegmentAssignment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which breakdown value (slot) each event falls in: the channel of the event, the top-level
 * category of its item, the segment of its user. Channels and categories keep their most active
 * values (by events up to the period's end); the rest share an "(other)" slot, so that per-user state stays
 * bounded and tables stay readable.
 *
 * @param channelNames slot names of the channel breakdown
 * @param channelSlot slot of channel id {@code c} at index {@code c + 1} (index 0: no channel)
 * @param categoryNames slot names of the category breakdown
 * @param itemSlot category slot of each item
 * @param segmentNames slot names of the segment breakdown, empty without segments
 * @param userSegmentSlot segment slot of each user, or null without segments
 */
record Slices(
    List<String> channelNames, int[] channelSlot, List<String> categoryNames, int[] itemSlot,
    List<String> segmentNames, int[] userSegmentSlot) {

  /** Most values kept per breakdown: with "(other)" and "(none)" they fit the 32-bit order masks. */
  static final int MAX_VALUES = 30;

  static final String OTHER = "(other)";
  static final String NONE = "(none)";
  static final String UNKNOWN = "(unknown)";

  static Slices of(Dataset d, SegmentAssignment segments, int maxValues, int rowEnd) {
    Events e = d.events();
    long[] channelCount = new long[d.channels().size() + 1];
    int[] channel = e.channel();
    for (int r = 0; r < rowEnd; r++) {
      channelCount[channel[r] + 1]++;
    }
    List<String> channelIds = d.channels().ids();
    int[] channelSlot = new int[channelCount.length];
    List<String> channelNames = topValues(channelCount, channelIds, maxValues, NONE, channelSlot);

    Catalog c = d.catalog();
    int[] rootOfItem = new int[d.items().size()];
    for (int i = 0; i < rootOfItem.length; i++) {
      rootOfItem[i] = c.category()[i] < 0 ? -1 : c.root(c.category()[i]);
    }
    long[] rootCount = new long[d.categories().size() + 1];
    int[] item = e.item();
    for (int r = 0; r < rowEnd; r++) {
      rootCount[rootOfItem[item[r]] + 1]++;
    }
    int[] rootSlot = new int[rootCount.length];
    List<String> categoryNames = topValues(rootCount, d.categories().ids(), maxValues, UNKNOWN, rootSlot);
    int[] itemSlot = new int[rootOfItem.length];
    for (int i = 0; i < itemSlot.length; i++) {
      itemSlot[i] = rootSlot[rootOfItem[i] + 1];
    }

    if (segments == null) {
      return new Slices(channelNames, channelSlot, categoryNames, itemSlot, List.of(), null);
    }
    List<String> segmentNames = new ArrayList<>(segments.names());
    int none = segmentNames.size();
    int[] userSegmentSlot = new int[segments.segmentOfUser().length];
    boolean anyNone = false;
    for (int u = 0; u < userSegmentSlot.length; u++) {
      int s = segments.segmentOfUser()[u];
      anyNone |= s < 0;
      userSegmentSlot[u] = s < 0 ? none : s;
    }
    if (anyNone) {
      segmentNames.add(NONE);
    }
    return new Slices(channelNames, channelSlot, categoryNames, itemSlot, List.copyOf(segmentNames), userSegmentSlot);
  }

  /**
   * Names the slots of one dimension and fills {@code slotOf} (indexed by id + 1): the {@code max}
   * ids with the most events in descending order (ties by id), then "(other)" for the rest if any,
   * then {@code noneName} for events without an id, if any. Ids without events get slot 0: no row
   * refers to them.
   */
  private static List<String> topValues(long[] count, List<String> ids, int max, String noneName, int[] slotOf) {
    Integer[] order = new Integer[ids.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> count[b + 1] != count[a + 1] ? Long.compare(count[b + 1], count[a + 1]) : Integer.compare(a, b));
    List<String> names = new ArrayList<>();
    int kept = 0;
    while (kept < order.length && kept < max && count[order[kept] + 1] > 0) {
      slotOf[order[kept] + 1] = names.size();
      names.add(ids.get(order[kept]));
      kept++;
    }
    if (kept < order.length && count[order[kept] + 1] > 0) {
      int otherSlot = names.size();
      names.add(OTHER);
      for (int k = kept; k < order.length; k++) {
        slotOf[order[k] + 1] = otherSlot;
      }
    }
    if (count[0] > 0) {
      slotOf[0] = names.size();
      names.add(noneName);
    }
    return List.copyOf(names);
  }
}
