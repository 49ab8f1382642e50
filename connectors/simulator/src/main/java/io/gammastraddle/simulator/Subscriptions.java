package io.gammastraddle.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which sessions listen to which channel. Used only on the exchange loop's thread. */
final class Subscriptions {
  private final Map<String, List<Session>> byChannel = new HashMap<>();

  /** Returns false if the session already had the channel. */
  boolean add(Session session, String channel) {
    if (!session.channels().add(channel)) {
      return false;
    }
    byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(session);
    return true;
  }

  /** Returns false if the session did not have the channel. */
  boolean remove(Session session, String channel) {
    if (!session.channels().remove(channel)) {
      return false;
    }
    List<Session> sessions = byChannel.get(channel);
    sessions.remove(session);
    if (sessions.isEmpty()) {
      byChannel.remove(channel);
    }
    return true;
  }

  void removeAll(Session session) {
    for (String channel : List.copyOf(session.channels())) {
      remove(session, channel);
    }
  }

  List<Session> subscribers(String channel) {
    return byChannel.getOrDefault(channel, List.of());
  }
}
