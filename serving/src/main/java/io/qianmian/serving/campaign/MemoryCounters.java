package io.qianmian.serving.campaign;

import io.qianmian.experiments.log.Exposure;
import io.qianmian.experiments.log.LogRecord;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.EventType;
import io.qianmian.serving.campaign.Campaign.Budget;
import io.qianmian.serving.campaign.Campaign.BudgetUnit;
import io.qianmian.serving.campaign.Campaign.Pacing;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Campaign counters in memory. Budgets are lock-free (compare-and-set on one counter per campaign
 * and day); a user's caps, cooldowns and reach live in {@link UserCampaignStates}, guarded by the
 * monitor of the user's shard, which few other users' requests contend for. {@link
 * JournaledCounterStore} adds durability.
 */
final class MemoryCounters implements CounterStore {
  /** Exposure variants of campaign hold-outs are logged as experiment {@code campaign:<id>}. */
  static final String HOLDOUT_PREFIX = "campaign:";
  static final String CONTROL = "control";
  static final String TREATMENT = "treatment";
  /** Client clocks run a little behind the server's: purchases this much before a reach still count. */
  private static final long CLOCK_SKEW_MS = 5 * 60_000L;

  private final CounterSettings settings;
  private final long window;
  private final ConcurrentHashMap<String, CampaignCounters> campaigns = new ConcurrentHashMap<>();
  private final Names campaignCodes = new Names();
  private final Names segmentCodes = new Names();
  private final UserCampaignStates users = new UserCampaignStates(campaignCodes, segmentCodes);

  MemoryCounters(CounterSettings settings) {
    this.settings = settings;
    this.window = settings.attributionWindow().toMillis();
  }

  // --- Checks and reservations. ---

  @Override
  public boolean mayShow(Campaign c, String userId, long now) {
    CampaignCounters k = campaigns.get(c.id());
    if (k != null && !k.budgetAllows(c, day(now))) {
      return false;
    }
    int campaign = campaignCodes.find(c.id());
    if (campaign < 0) {
      return true;
    }
    UserCampaignStates.Shard s = users.shard(userId);
    synchronized (s) {
      int e = s.entry(s.user(userId), campaign);
      return e < 0 || s.allows(e, c, now);
    }
  }

  @Override
  public List<Reservation.Slot> reserve(Reservation r) {
    return hold(r).granted();
  }

  /**
   * What {@link #hold} took, so that {@link #release} can give it back.
   *
   * @param granted the slots granted
   * @param firstReach per granted slot, then per held-out campaign: whether it was the user's first
   *     reach (and counted as such)
   * @param heldOut held-out campaigns whose reach was recorded
   */
  record Hold(Reservation reservation, List<Reservation.Slot> granted, boolean[] firstReach, List<Campaign> heldOut) {
    boolean isEmpty() {
      return granted.isEmpty() && heldOut.isEmpty();
    }
  }

  /** Reserves in memory: the atomic part of {@link #reserve}. */
  Hold hold(Reservation r) {
    long now = r.time();
    long day = day(now);
    String segment = segmentKey(r.segment());
    int segmentCode = segmentCodes.code(segment);
    UserCampaignStates.Shard u = users.shard(r.userId());
    List<Reservation.Slot> granted = new ArrayList<>(r.planned().size());
    List<Campaign> heldOut = new ArrayList<>(r.heldOut().size());
    boolean[] first = new boolean[r.planned().size() + r.heldOut().size()];
    synchronized (u) {
      int user = u.user(r.userId());
      for (Reservation.Slot s : r.planned()) {
        Campaign c = s.campaign();
        CampaignCounters k = counters(c.id());
        int e = u.entry(user, k.code);
        if (e >= 0 && !u.allows(e, c, now)) {
          continue;
        }
        if (!k.acquire(c, day)) {
          continue;
        }
        if (e < 0) {
          user = user < 0 ? u.addUser(r.userId()) : user;
          e = u.addEntry(user, k.code);
        }
        first[granted.size()] = u.show(e, now, segmentCode);
        k.segment(segment).impressions.increment();
        if (first[granted.size()]) {
          k.segment(segment).treatedUsers.increment();
        }
        granted.add(new Reservation.Slot(c, granted.size(), s.probability()));
      }
      for (Campaign c : r.heldOut()) {
        CampaignCounters k = counters(c.id());
        boolean reached = u.reach(u.entryOrAdd(r.userId(), k.code), UserCampaignStates.CONTROL, now, segmentCode);
        first[granted.size() + heldOut.size()] = reached;
        if (reached) {
          k.segment(segment).controlUsers.increment();
        }
        heldOut.add(c);
      }
    }
    return new Hold(r, List.copyOf(granted), first, List.copyOf(heldOut));
  }

  /** Gives back what {@link #hold} took, when it could not be made durable. */
  void release(Hold h) {
    Reservation r = h.reservation();
    long day = day(r.time());
    String segment = segmentKey(r.segment());
    UserCampaignStates.Shard u = users.shard(r.userId());
    synchronized (u) {
      int user = u.user(r.userId());
      for (int k = 0; k < h.granted().size(); k++) {
        Campaign c = h.granted().get(k).campaign();
        CampaignCounters counters = counters(c.id());
        counters.release(c, day);
        counters.segment(segment).impressions.decrement();
        int e = u.entry(user, counters.code);
        u.unshow(e, r.time());
        if (h.firstReach()[k]) {
          counters.segment(segment).treatedUsers.decrement();
          u.unreach(e);
        }
      }
      for (int k = 0; k < h.heldOut().size(); k++) {
        if (h.firstReach()[h.granted().size() + k]) {
          CampaignCounters counters = counters(h.heldOut().get(k).id());
          counters.segment(segment).controlUsers.decrement();
          u.unreach(u.entry(user, counters.code));
        }
      }
    }
  }

  // --- Outcomes. ---

  @Override
  public void outcome(Outcome o) {
    String id = o.campaignId();
    boolean purchase = o.type() == EventType.PURCHASE;
    if (id == null && !purchase) {
      return;
    }
    UserCampaignStates.Shard u = users.shard(o.userId());
    synchronized (u) {
      if (id != null) {
        int e = purchase ? u.entryOrAdd(o.userId(), counters(id).code) : u.entry(u.user(o.userId()), campaignCodes.find(id));
        int segment = e < 0 ? -1 : u.lastSegment(e);
        countCampaignEvent(o, u, e, segment < 0 ? segmentKey(null) : segmentCodes.name(segment));
      }
      if (purchase) {
        // Looked up after the entry above, which may have added the user.
        for (int e = u.firstEntry(u.user(o.userId())); e >= 0; e = u.nextEntry(e)) {
          long reachedAt = u.reachedAt(e);
          if (u.arm(e) != UserCampaignStates.NO_ARM && !u.reachConverted(e)
              && o.timestamp() >= reachedAt - CLOCK_SKEW_MS && o.timestamp() <= reachedAt + window) {
            u.markReachConverted(e);
            SegmentCounters s = counters(campaignCodes.name(u.campaign(e))).segment(segmentCodes.name(u.reachSegment(e)));
            (u.arm(e) == UserCampaignStates.CONTROL ? s.controlConverters : s.treatedConverters).increment();
          }
        }
      }
    }
  }

  /**
   * Clicks, revenue, redemptions and conversions of an event carrying a campaign id; {@code e} is
   * the user's entry for the campaign in {@code u}, or -1.
   */
  private void countCampaignEvent(Outcome o, UserCampaignStates.Shard u, int e, String segment) {
    CampaignCounters k = counters(o.campaignId());
    SegmentCounters s = k.segment(segment);
    switch (o.type()) {
      case CLICK -> s.clicks.increment();
      case REFUND -> s.revenue.add(o.revenue());
      case PURCHASE -> {
        s.revenue.add(o.revenue());
        if (e < 0 || u.newOrder(e, o.orderId())) {
          k.redemptions.incrementAndGet();
          k.redemptionsToday.add(day(o.timestamp()), 1);
          if (e >= 0 && o.timestamp() <= u.lastShown(e) + window && u.convert(e)) {
            s.conversions.increment();
          }
        }
      }
      default -> {}
    }
  }

  // --- Replay of a journal. ---

  /** Counts a logged record again, without checking limits: how a journal rebuilds the counters. */
  void replay(LogRecord record) {
    switch (record) {
      case Exposure e -> replay(e);
      case Outcome o -> outcome(o);
    }
  }

  private void replay(Exposure x) {
    boolean campaignsInvolved = !x.campaigns().isEmpty();
    for (Exposure.ExposedVariant v : x.experiments()) {
      campaignsInvolved |= v.experimentId().startsWith(HOLDOUT_PREFIX);
    }
    if (!campaignsInvolved) {
      return;
    }
    String segment = segmentKey(x.segment());
    int segmentCode = segmentCodes.code(segment);
    long day = day(x.time());
    UserCampaignStates.Shard u = users.shard(x.userId());
    synchronized (u) {
      for (Exposure.ShownCampaign sc : x.campaigns()) {
        CampaignCounters k = counters(sc.campaignId());
        k.impressions.incrementAndGet();
        k.impressionsToday.add(day, 1);
        k.segment(segment).impressions.increment();
        if (u.show(u.entryOrAdd(x.userId(), k.code), x.time(), segmentCode)) {
          k.segment(segment).treatedUsers.increment();
        }
      }
      for (Exposure.ExposedVariant v : x.experiments()) {
        if (v.experimentId().startsWith(HOLDOUT_PREFIX) && v.variant().equals(CONTROL)) {
          CampaignCounters k = counters(v.experimentId().substring(HOLDOUT_PREFIX.length()));
          if (u.reach(u.entryOrAdd(x.userId(), k.code), UserCampaignStates.CONTROL, x.time(), segmentCode)) {
            k.segment(segment).controlUsers.increment();
          }
        }
      }
    }
  }

  // --- Snapshots. ---

  /** Writes every counter, for {@link #readState} to rebuild exactly these counters. */
  void writeState(DataOutput out) throws IOException {
    out.writeInt(campaigns.size());
    for (Map.Entry<String, CampaignCounters> me : campaigns.entrySet()) {
      CampaignCounters k = me.getValue();
      out.writeUTF(me.getKey());
      out.writeLong(k.impressions.get());
      out.writeLong(k.redemptions.get());
      k.impressionsToday.write(out);
      k.redemptionsToday.write(out);
      out.writeInt(k.segments.size());
      for (Map.Entry<String, SegmentCounters> se : k.segments.entrySet()) {
        out.writeUTF(se.getKey());
        se.getValue().write(out);
      }
    }
    users.write(out);
  }

  /** Adds the counters {@link #writeState} wrote to these (empty) ones. */
  void readState(DataInput in) throws IOException {
    int campaignCount = count(in);
    for (int c = 0; c < campaignCount; c++) {
      CampaignCounters k = counters(in.readUTF());
      k.impressions.set(in.readLong());
      k.redemptions.set(in.readLong());
      k.impressionsToday.read(in);
      k.redemptionsToday.read(in);
      int segmentCount = count(in);
      for (int s = 0; s < segmentCount; s++) {
        k.segment(in.readUTF()).read(in);
      }
    }
    int userCount = count(in);
    for (int i = 0; i < userCount; i++) {
      users.read(in);
    }
  }

  private static int count(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative count " + n);
    }
    return n;
  }

  // --- Reads. ---

  @Override
  public Evidence evidence(String campaignId, String segment) {
    CampaignCounters k = campaigns.get(campaignId);
    SegmentCounters s = k == null ? null : k.segments.get(segmentKey(segment));
    return s == null ? Evidence.NONE : new Evidence(s.impressions.sum(), s.conversions.sum());
  }

  @Override
  public Map<String, CampaignStats> stats() {
    Map<String, CampaignStats> out = new LinkedHashMap<>();
    campaigns.forEach((id, k) -> {
      Map<String, SegmentStats> segments = new HashMap<>();
      k.segments.forEach((s, c) -> segments.put(s, c.snapshot()));
      out.put(id, new CampaignStats(k.impressions.get(), k.redemptions.get(), k.impressionsToday.latest(),
          k.redemptionsToday.latest(), segments));
    });
    return out;
  }

  @Override
  public void close() {}

  private CampaignCounters counters(String campaignId) {
    return campaigns.computeIfAbsent(campaignId, id -> new CampaignCounters(campaignCodes.code(id)));
  }

  private long day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), settings.zone()).toEpochDay();
  }

  static String segmentKey(String segment) {
    return segment == null ? NO_SEGMENT : segment;
  }

  // --- State. ---

  /** One campaign's counters. */
  private final class CampaignCounters {
    /** The campaign's code in {@link UserCampaignStates}. */
    final int code;
    final AtomicLong impressions = new AtomicLong();
    final AtomicLong redemptions = new AtomicLong();
    final DayCount impressionsToday = new DayCount();
    final DayCount redemptionsToday = new DayCount();
    final ConcurrentHashMap<String, SegmentCounters> segments = new ConcurrentHashMap<>();

    CampaignCounters(int code) {
      this.code = code;
    }

    SegmentCounters segment(String s) {
      return segments.computeIfAbsent(s, x -> new SegmentCounters());
    }

    /** Whether the budget leaves room on {@code day}; reserves nothing. */
    boolean budgetAllows(Campaign c, long day) {
      Budget b = c.budget();
      if (b == null) {
        return true;
      }
      boolean byImpressions = b.unit() == BudgetUnit.IMPRESSIONS;
      AtomicLong total = byImpressions ? impressions : redemptions;
      DayCount today = byImpressions ? impressionsToday : redemptionsToday;
      return total.get() < b.total() && today.get(day) < dailyLimit(c, day);
    }

    /** Takes one impression if the budget allows, atomically against concurrent takers. */
    boolean acquire(Campaign c, long day) {
      Budget b = c.budget();
      if (b == null || b.unit() == BudgetUnit.REDEMPTIONS) {
        // Redemptions cannot be reserved before they happen: check, then count the impression.
        if (b != null && !budgetAllows(c, day)) {
          return false;
        }
        impressions.incrementAndGet();
        impressionsToday.add(day, 1);
        return true;
      }
      if (!impressionsToday.tryIncrement(day, dailyLimit(c, day))) {
        return false;
      }
      for (long n = impressions.get(); ; n = impressions.get()) {
        if (n >= b.total()) {
          impressionsToday.decrement(day);
          return false;
        }
        if (impressions.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    void release(Campaign c, long day) {
      impressions.decrementAndGet();
      impressionsToday.decrement(day);
    }

    /** The most units the campaign may spend on {@code day}: its daily cap, and its even share. */
    private long dailyLimit(Campaign c, long day) {
      Budget b = c.budget();
      long limit = b.daily() > 0 ? b.daily() : Long.MAX_VALUE;
      if (b.pacing() == Pacing.EVEN) {
        boolean byImpressions = b.unit() == BudgetUnit.IMPRESSIONS;
        long spent = (byImpressions ? impressions : redemptions).get();
        long spentToday = (byImpressions ? impressionsToday : redemptionsToday).get(day);
        long left = Math.max(0, b.total() - (spent - spentToday));
        long lastDay = day(c.window().end().toEpochMilli() - 1);
        long daysLeft = Math.max(1, lastDay - day + 1);
        limit = Math.min(limit, Math.ceilDiv(left, daysLeft));
      }
      return limit;
    }
  }

  /** One campaign's counts in one segment. */
  private static final class SegmentCounters {
    final LongAdder impressions = new LongAdder();
    final LongAdder clicks = new LongAdder();
    final LongAdder conversions = new LongAdder();
    final DoubleAdder revenue = new DoubleAdder();
    final LongAdder treatedUsers = new LongAdder();
    final LongAdder treatedConverters = new LongAdder();
    final LongAdder controlUsers = new LongAdder();
    final LongAdder controlConverters = new LongAdder();

    void write(DataOutput out) throws IOException {
      out.writeLong(impressions.sum());
      out.writeLong(clicks.sum());
      out.writeLong(conversions.sum());
      out.writeDouble(revenue.sum());
      out.writeLong(treatedUsers.sum());
      out.writeLong(treatedConverters.sum());
      out.writeLong(controlUsers.sum());
      out.writeLong(controlConverters.sum());
    }

    void read(DataInput in) throws IOException {
      impressions.add(in.readLong());
      clicks.add(in.readLong());
      conversions.add(in.readLong());
      revenue.add(in.readDouble());
      treatedUsers.add(in.readLong());
      treatedConverters.add(in.readLong());
      controlUsers.add(in.readLong());
      controlConverters.add(in.readLong());
    }

    SegmentStats snapshot() {
      return new SegmentStats(impressions.sum(), clicks.sum(), conversions.sum(), revenue.sum(), treatedUsers.sum(),
          treatedConverters.sum(), controlUsers.sum(), controlConverters.sum());
    }
  }

  /**
   * A count for the latest day seen. A request dated before that day (a late request at midnight)
   * counts toward the latest day, which errs on the side of spending less.
   */
  static final class DayCount {
    private record Slot(long day, AtomicLong count) {}

    private final AtomicReference<Slot> slot = new AtomicReference<>(new Slot(Long.MIN_VALUE, new AtomicLong()));

    long get(long day) {
      Slot s = slot.get();
      return s.day >= day ? s.count.get() : 0;
    }

    long latest() {
      return slot.get().count.get();
    }

    void write(DataOutput out) throws IOException {
      Slot s = slot.get();
      out.writeLong(s.day);
      out.writeLong(s.count.get());
    }

    void read(DataInput in) throws IOException {
      long day = in.readLong();
      slot.set(new Slot(day, new AtomicLong(in.readLong())));
    }

    boolean tryIncrement(long day, long limit) {
      AtomicLong count = current(day).count;
      for (long n = count.get(); n < limit; n = count.get()) {
        if (count.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }

    void add(long day, long delta) {
      current(day).count.addAndGet(delta);
    }

    void decrement(long day) {
      Slot s = slot.get();
      if (s.day >= day) {
        s.count.decrementAndGet();
      }
    }

    private Slot current(long day) {
      for (Slot s = slot.get(); ; s = slot.get()) {
        if (s.day >= day) {
          return s;
        }
        Slot next = new Slot(day, new AtomicLong());
        if (slot.compareAndSet(s, next)) {
          return next;
        }
      }
    }
  }
}
