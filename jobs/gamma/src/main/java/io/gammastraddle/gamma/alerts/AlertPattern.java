package io.gammastraddle.gamma.alerts;

import java.util.Set;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;

/**
 * One alert of the CEP layer ({@link AlertPatterns}): the signals it reads, the pattern it looks
 * for in one subject's signals (in processing time), and the alert a match raises.
 *
 * @param type the alert's type, e.g. {@code feed_silent}
 * @param uid the CEP operator's uid: it names the pattern's partial matches in savepoints
 * @param name the operator's name on the Flink dashboard
 * @param kinds the signals the pattern reads; the others never reach it, so a pattern's strict
 *     contiguity is among these alone
 * @param pattern the pattern over one subject's signals
 * @param alert raises the alert of a match
 */
public record AlertPattern(
    String type,
    String uid,
    String name,
    Set<Signal.Kind> kinds,
    Pattern<Signal, ?> pattern,
    PatternProcessFunction<Signal, Alert> alert) {}
