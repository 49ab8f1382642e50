package io.gammastraddle.simulator.exchange;

import java.util.List;
import java.util.Objects;

/**
 * The exchange's answer to one request: either the JSON text of the {@code result} value or a
 * {@link DeribitError}, and the user events the request produced (in order), which the server sends
 * to the account's subscribed channels. A failed request can still produce events: an edit refused
 * by {@code reject_post_only} cancels the order, as on Deribit.
 */
public record Reply(String result, DeribitError error, List<UserEvent> events) {

  public Reply {
    if ((result == null) == (error == null)) {
      throw new IllegalArgumentException("a reply is a result or an error");
    }
    events = List.copyOf(Objects.requireNonNull(events, "events"));
  }

  static Reply success(String result, List<UserEvent> events) {
    return new Reply(result, null, events);
  }

  static Reply failure(DeribitError error, List<UserEvent> events) {
    return new Reply(null, error, events);
  }

  public boolean isError() {
    return error != null;
  }
}
