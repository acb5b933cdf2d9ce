package io.qianmian.serving.events;

import io.qianmian.experiments.log.EventLog;
import io.qianmian.experiments.log.Outcome;
import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.serving.session.SessionStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Accepts events: writes them durably to the event log (group-committed with other requests), and
 * only then lets them change the live sessions — so what the next answer reflects is exactly what
 * was acknowledged — and drops the caches of the users concerned.
 */
public final class EventIngest {
  private final EventLog log;
  private final SessionStore sessions;
  private final Consumer<String> invalidateUser;
  private final Consumer<Outcome> durable;

  /**
   * @param log the durable log
   * @param sessions live sessions
   * @param invalidateUser drops a user's cached candidates and profile
   * @param durable told of each outcome once it is durable (campaign counters)
   */
  public EventIngest(EventLog log, SessionStore sessions, Consumer<String> invalidateUser, Consumer<Outcome> durable) {
    this.log = log;
    this.sessions = sessions;
    this.invalidateUser = invalidateUser;
    this.durable = durable;
  }

  /**
   * Logs the events as one all-or-nothing batch and applies them.
   *
   * @throws IOException when they could not be made durable (none is then accepted)
   */
  public int accept(List<BehaviorEvent> events) throws IOException {
    List<Outcome> outcomes = new ArrayList<>(events.size());
    for (BehaviorEvent e : events) {
      outcomes.add(Outcome.of(e));
    }
    log.append(outcomes);
    outcomes.forEach(durable);
    for (BehaviorEvent e : events) {
      sessions.record(e);
      invalidateUser.accept(e.userId());
    }
    return events.size();
  }
}
