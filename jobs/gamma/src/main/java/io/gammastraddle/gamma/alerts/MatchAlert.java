package io.gammastraddle.gamma.alerts;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raises an alert of one type for each match, about the subject of the match's signals, stamped
 * with the processing time the match was found (for {@code feed_silent}, no signal marks that
 * moment).
 */
final class MatchAlert extends PatternProcessFunction<Signal, Alert> {

  /** The alert's message, from the match's signals in the order they arrived. */
  interface Message extends Serializable {
    String of(List<Signal> matched);
  }

  private final String type;
  private final Message message;

  MatchAlert(String type, Message message) {
    this.type = type;
    this.message = message;
  }

  @Override
  public void processMatch(Map<String, List<Signal>> match, Context ctx, Collector<Alert> out) {
    // The match lists its stages in the pattern's order, each stage's signals as they arrived.
    List<Signal> matched = match.values().stream().flatMap(List::stream).toList();
    String subject = matched.get(matched.size() - 1).subject();
    out.collect(new Alert(type, subject, ctx.currentProcessingTime(), message.of(matched)));
  }
}
