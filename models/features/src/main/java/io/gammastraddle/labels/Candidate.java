package io.gammastraddle.labels;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.FeatureVector;

/**
 * One candidate entry being followed: a long ATM straddle bought at the ask at t0, delta-hedged
 * with the perpetual at every tick, marked at the bid. P&L is in USD: the legs' coin prices times
 * the expiry's forward, and the hedge's P&L on the forward's moves, so the hedge ratio is the USD
 * delta, the sum of the legs' Deribit deltas (not premium-adjusted).
 *
 * <p>Only what happens after t0 moves it: the legs' prices come from tickers stamped after t0, and
 * it is closed at the last tick at or before t0 + horizon.
 *
 * <p>A Flink POJO, kept inside {@link Labeller}'s keyed state.
 */
public class Candidate {

  private long entryTime;
  private String call;
  private String put;
  private int schemaVersion;
  private double[] features;
  private double premiumUsd;
  private double entryCostsUsd;
  private double hedge;
  private double hedgeForward;
  private double hedgePnlUsd;
  private double hedgeCostsUsd;
  private double forward = Double.NaN;
  private double callBid = Double.NaN;
  private double callDelta = Double.NaN;
  private double putBid = Double.NaN;
  private double putDelta = Double.NaN;
  private double maxPnlUsd;
  private double minPnlUsd;
  private double lastPnlUsd = Double.NaN;
  private long lastMark = Long.MIN_VALUE;
  private int marks;

  public Candidate() {}

  /** Buys {@code straddle} at its ask at {@code vector}'s tick and hedges its delta at once. */
  public static Candidate enter(FeatureVector vector, AtmStraddle straddle, TradingCosts costs) {
    Candidate candidate = new Candidate();
    candidate.entryTime = vector.timestamp();
    candidate.call = straddle.call();
    candidate.put = straddle.put();
    candidate.schemaVersion = vector.schemaVersion();
    candidate.features = vector.values().clone();
    double forward = straddle.forward();
    candidate.premiumUsd = straddle.ask() * forward;
    // The straddle carries the sum of the legs' asks; each leg's fee is taken at half of it, which
    // is exact unless the fee cap binds (options under 0.0024 coin, never at the money).
    double legFee = costs.optionFeeUsd(straddle.ask() / 2, forward);
    candidate.hedge = -straddle.delta();
    candidate.hedgeForward = forward;
    candidate.hedgeCostsUsd = costs.perpetualFeeUsd(candidate.hedge, forward);
    candidate.entryCostsUsd = 2 * legFee;
    return candidate;
  }

  /** Takes a ticker of one of the legs stamped after t0; others are ignored. */
  public void onTicker(OptionTicker ticker) {
    if (ticker.timestamp() <= entryTime) {
      return;
    }
    if (ticker.instrument().equals(call)) {
      callBid = ticker.bestBidPrice();
      callDelta = ticker.delta();
    } else if (ticker.instrument().equals(put)) {
      putBid = ticker.bestBidPrice();
      putDelta = ticker.delta();
    } else {
      return;
    }
    forward = ticker.forward();
  }

  /**
   * Marks the position at {@code now} (once both legs have a bid since t0): the hedge earns the
   * forward's move since the last rebalance, the straddle is worth its bids less the exit fees;
   * then the hedge is rebalanced to the legs' current delta, paying the perpetual's fee.
   */
  public void mark(long now, TradingCosts costs) {
    if (now <= entryTime || !(callBid >= 0 && putBid >= 0 && forward > 0)) {
      return;
    }
    hedgePnlUsd += hedge * (forward - hedgeForward);
    hedgeForward = forward;
    double exitCosts = costs.optionFeeUsd(callBid, forward) + costs.optionFeeUsd(putBid, forward);
    double pnl =
        (callBid + putBid) * forward
            - premiumUsd
            - entryCostsUsd
            - exitCosts
            + hedgePnlUsd
            - hedgeCostsUsd;
    maxPnlUsd = Math.max(maxPnlUsd, pnl);
    minPnlUsd = Math.min(minPnlUsd, pnl);
    lastPnlUsd = pnl;
    lastMark = now;
    marks++;
    if (Double.isFinite(callDelta) && Double.isFinite(putDelta)) {
      double target = -(callDelta + putDelta);
      hedgeCostsUsd += costs.perpetualFeeUsd(target - hedge, forward);
      hedge = target;
    }
  }

  /** The sample, or null when the position was never marked (no leg ticker after t0). */
  public LabelledSample sample(String underlying) {
    if (marks == 0) {
      return null;
    }
    return new LabelledSample(
        underlying,
        entryTime,
        lastMark,
        call,
        put,
        schemaVersion,
        features,
        premiumUsd,
        maxPnlUsd / premiumUsd,
        -minPnlUsd / premiumUsd,
        lastPnlUsd / premiumUsd,
        marks);
  }

  public long getEntryTime() {
    return entryTime;
  }

  public void setEntryTime(long entryTime) {
    this.entryTime = entryTime;
  }

  public String getCall() {
    return call;
  }

  public void setCall(String call) {
    this.call = call;
  }

  public String getPut() {
    return put;
  }

  public void setPut(String put) {
    this.put = put;
  }

  public int getSchemaVersion() {
    return schemaVersion;
  }

  public void setSchemaVersion(int schemaVersion) {
    this.schemaVersion = schemaVersion;
  }

  public double[] getFeatures() {
    return features;
  }

  public void setFeatures(double[] features) {
    this.features = features;
  }

  public double getPremiumUsd() {
    return premiumUsd;
  }

  public void setPremiumUsd(double premiumUsd) {
    this.premiumUsd = premiumUsd;
  }

  public double getEntryCostsUsd() {
    return entryCostsUsd;
  }

  public void setEntryCostsUsd(double entryCostsUsd) {
    this.entryCostsUsd = entryCostsUsd;
  }

  public double getHedge() {
    return hedge;
  }

  public void setHedge(double hedge) {
    this.hedge = hedge;
  }

  public double getHedgeForward() {
    return hedgeForward;
  }

  public void setHedgeForward(double hedgeForward) {
    this.hedgeForward = hedgeForward;
  }

  public double getHedgePnlUsd() {
    return hedgePnlUsd;
  }

  public void setHedgePnlUsd(double hedgePnlUsd) {
    this.hedgePnlUsd = hedgePnlUsd;
  }

  public double getHedgeCostsUsd() {
    return hedgeCostsUsd;
  }

  public void setHedgeCostsUsd(double hedgeCostsUsd) {
    this.hedgeCostsUsd = hedgeCostsUsd;
  }

  public double getForward() {
    return forward;
  }

  public void setForward(double forward) {
    this.forward = forward;
  }

  public double getCallBid() {
    return callBid;
  }

  public void setCallBid(double callBid) {
    this.callBid = callBid;
  }

  public double getCallDelta() {
    return callDelta;
  }

  public void setCallDelta(double callDelta) {
    this.callDelta = callDelta;
  }

  public double getPutBid() {
    return putBid;
  }

  public void setPutBid(double putBid) {
    this.putBid = putBid;
  }

  public double getPutDelta() {
    return putDelta;
  }

  public void setPutDelta(double putDelta) {
    this.putDelta = putDelta;
  }

  public double getMaxPnlUsd() {
    return maxPnlUsd;
  }

  public void setMaxPnlUsd(double maxPnlUsd) {
    this.maxPnlUsd = maxPnlUsd;
  }

  public double getMinPnlUsd() {
    return minPnlUsd;
  }

  public void setMinPnlUsd(double minPnlUsd) {
    this.minPnlUsd = minPnlUsd;
  }

  public double getLastPnlUsd() {
    return lastPnlUsd;
  }

  public void setLastPnlUsd(double lastPnlUsd) {
    this.lastPnlUsd = lastPnlUsd;
  }

  public long getLastMark() {
    return lastMark;
  }

  public void setLastMark(long lastMark) {
    this.lastMark = lastMark;
  }

  public int getMarks() {
    return marks;
  }

  public void setMarks(int marks) {
    this.marks = marks;
  }
}
