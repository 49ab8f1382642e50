package io.gammastraddle.backtest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An order label {@code gsb-{UNDERLYING}-{decisionSeq}-{legcode}{child}} taken apart. The leg codes
 * are {@code c}/{@code p} (entry call/put), {@code h} (perpetual hedge), {@code xc}/{@code xp}
 * (exit sells) and {@code uc}/{@code up} (unwinding an excess entry leg); every fill of one
 * straddle carries its decision's sequence number.
 */
record FillLabel(String underlying, String decisionSeq, String leg) {

  private static final Pattern LABEL =
      Pattern.compile("gsb-([A-Z0-9]{1,16})-(0|[1-9][0-9]*)-([a-z]+)(0|[1-9][0-9]*)");

  static Optional<FillLabel> parse(String label) {
    if (label == null) {
      return Optional.empty();
    }
    Matcher matcher = LABEL.matcher(label);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new FillLabel(matcher.group(1), matcher.group(2), matcher.group(3)));
  }
}
