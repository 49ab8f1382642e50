package io.gammastraddle.backtest;

import io.gammastraddle.gamma.backtest.VenueFill;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups option fills into straddles by their label's (underlying, decision sequence) and follows
 * each straddle's net position per instrument and its cash flows in USD.
 */
final class Straddles {

  /** Below this a net option position counts as flat (amounts are in coin). */
  static final double FLAT_AMOUNT = 1e-9;

  private final Map<Key, Straddle> byKey = new LinkedHashMap<>();

  /** Adds an option fill of an entry, exit or unwind leg; hedges and other fills are ignored. */
  void add(VenueFill fill) {
    if (!fill.isOption()) {
      return;
    }
    FillLabel.parse(fill.label())
        .ifPresent(
            label -> {
              Straddle straddle =
                  byKey.computeIfAbsent(
                      new Key(label.underlying(), label.decisionSeq()),
                      key -> new Straddle(key.underlying()));
              straddle.add(label.leg(), fill);
            });
  }

  /** The straddles that have at least one entry fill, in the order their first fill came. */
  List<Straddle> entered() {
    List<Straddle> entered = new ArrayList<>();
    for (Straddle straddle : byKey.values()) {
      if (straddle.entered) {
        entered.add(straddle);
      }
    }
    return entered;
  }

  private record Key(String underlying, String decisionSeq) {}

  /** One straddle's fills so far. */
  static final class Straddle {
    private final String underlying;
    private final Map<String, Double> netAmount = new HashMap<>();
    private boolean entered;
    private boolean exited;
    private double pnlUsd;

    private Straddle(String underlying) {
      this.underlying = underlying;
    }

    private void add(String leg, VenueFill fill) {
      switch (leg) {
        case "c", "p" -> entered = true;
        case "xc", "xp" -> exited = true;
        case "uc", "up" -> {}
        default -> {
          return;
        }
      }
      double signedAmount = fill.isBuy() ? fill.amount() : -fill.amount();
      netAmount.merge(fill.instrument(), signedAmount, Double::sum);
      // a buy costs its premium, a sell brings it in; fees are paid either way
      pnlUsd += (fill.isBuy() ? -fill.notionalUsd() : fill.notionalUsd()) - fill.feeUsd();
    }

    String underlying() {
      return underlying;
    }

    /** Exited, and every instrument it traded is back to a flat position. */
    boolean closed() {
      return entered
          && exited
          && netAmount.values().stream().allMatch(net -> Math.abs(net) < FLAT_AMOUNT);
    }

    /** Sell proceeds minus buy costs minus fees over its option fills, in USD. */
    double pnlUsd() {
      return pnlUsd;
    }
  }
}
