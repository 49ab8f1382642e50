package io.gammastraddle.bridge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows the change chain of each {@code book.{instrument}.{interval}} channel: a snapshot starts
 * it, and each change must name the previous change's {@code change_id} as its {@code
 * prev_change_id}. A change that does not breaks the chain (a gap) until the next snapshot; a
 * change whose id is not newer than the last one (a duplicate or a late copy) is no gap.
 *
 * <p>Only the few fields needed are read, with Jackson's streaming parser skipping the price
 * levels, since every book notification passes through here. Thread-safe.
 */
final class BookChains {

  private static final JsonFactory JSON = new JsonFactory();

  /** What one book notification does to its channel's chain. */
  enum Step {
    /** A snapshot on a channel that was not broken: the chain starts (again) here. */
    SNAPSHOT,
    /** The snapshot a broken chain was waiting for: the book is resynchronized. */
    RESYNCED,
    /** The next link of the chain. */
    LINKED,
    /** A link is missing: the chain is broken until the next snapshot. */
    GAP,
    /** A change not newer than the last one: a duplicate or a late copy, ignored. */
    OUT_OF_DATE,
    /** A change on a chain that is broken or has not started: nothing to check it against. */
    AWAITING_SNAPSHOT,
    /** Not a snapshot or change with change ids (e.g. a grouped book): not followed. */
    UNCHAINED
  }

  /** The chain fields of a book notification; {@code prevChangeId} is unused for a snapshot. */
  record Link(boolean snapshot, long changeId, long prevChangeId) {}

  private record Chain(long lastChangeId, boolean broken) {}

  private final Map<String, Chain> chains = new HashMap<>();

  /** Applies one notification of {@code channel}, with params {@code paramsJson}, to its chain. */
  Step follow(String channel, String paramsJson) {
    Link link = link(paramsJson);
    if (link == null) {
      return Step.UNCHAINED;
    }
    synchronized (this) {
      Chain chain = chains.get(channel);
      if (link.snapshot()) {
        chains.put(channel, new Chain(link.changeId(), false));
        return chain != null && chain.broken() ? Step.RESYNCED : Step.SNAPSHOT;
      }
      if (chain == null || chain.broken()) {
        return Step.AWAITING_SNAPSHOT;
      }
      if (link.changeId() <= chain.lastChangeId()) {
        return Step.OUT_OF_DATE;
      }
      if (link.prevChangeId() == chain.lastChangeId()) {
        chains.put(channel, new Chain(link.changeId(), false));
        return Step.LINKED;
      }
      chains.put(channel, new Chain(chain.lastChangeId(), true));
      return Step.GAP;
    }
  }

  /** Whether {@code channel}'s chain is broken by a gap and waits for a snapshot. */
  synchronized boolean awaitingSnapshot(String channel) {
    Chain chain = chains.get(channel);
    return chain != null && chain.broken();
  }

  /** Stops following {@code channel}, e.g. once unsubscribed. */
  synchronized void forget(String channel) {
    chains.remove(channel);
  }

  /**
   * The chain fields of a book notification's params, or null if it has none (a grouped book
   * without {@code type}, a malformed one: published anyway, the job judges it).
   */
  static Link link(String paramsJson) {
    try (JsonParser parser = JSON.createParser(paramsJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        if (parser.nextToken() == JsonToken.START_OBJECT && field.equals("data")) {
          return readLink(parser);
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads the data object until its type and ids are known; field order is not fixed. */
  private static Link readLink(JsonParser parser) throws IOException {
    String type = null;
    Long changeId = null;
    Long prevChangeId = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        case "change_id" ->
            changeId = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
        case "prev_change_id" ->
            prevChangeId = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
        default -> parser.skipChildren();
      }
      if (changeId != null && "snapshot".equals(type)) {
        return new Link(true, changeId, 0);
      }
      if (changeId != null && prevChangeId != null && "change".equals(type)) {
        return new Link(false, changeId, prevChangeId);
      }
    }
    return null;
  }
}
