package io.gammastraddle.features;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.market.Trade;

/**
 * The running feature state of one underlying: it takes the events that matter ({@link #onEvent})
 * and produces a {@link FeatureVector} at each decision tick ({@link #tick}). The Flink operator
 * keeps one per underlying in keyed state; the benchmark's plain loop drives the same class, so
 * both compute exactly the same thing. Definitions: docs/features.md.
 *
 * <p>Memory is bounded by construction: every window is a fixed ring of buckets or intervals and
 * every percentile a fixed histogram per day, whatever the number of events.
 *
 * <p>A Flink POJO (public no-argument constructor, getters and setters) so its state can evolve.
 */
public class UnderlyingFeatures {

  /**
   * A perpetual's book or an index that has not changed for this long (event time) is treated as a
   * feed that stopped: Deribit publishes both several times a second, so seconds of silence mean a
   * lost or stuck connection, and no decision may rest on their last prices.
   */
  public static final long FEED_SILENT_AFTER_MILLIS = 5_000;

  /**
   * The at-the-money straddle is older than this (no option event for its underlying): its features
   * are unknown. Option tickers come only when something changes, so the bound is looser.
   */
  public static final long STRADDLE_SILENT_AFTER_MILLIS = 30_000;

  /** A percentile rank over fewer samples than this is unknown: it would be mostly noise. */
  public static final int PERCENTILE_MIN_SAMPLES = 60;

  static final long MINUTE = 60_000;
  static final long DAY = 24 * 60 * MINUTE;
  static final int PERCENTILE_DAYS = 30;
  static final int PERCENTILE_BINS = 512;
  static final int MOMENTUM_MIN_RETURNS = 2;
  static final int[] MOMENTUM_HORIZONS_MINUTES = {5, 15, 60};

  private double perpMid = Double.NaN;
  private double bookImbalance = Double.NaN;
  private long perpBookTimestamp = Long.MIN_VALUE;
  private long indexTimestamp = Long.MIN_VALUE;
  private double lastTradePrice = Double.NaN;
  private double funding8h = Double.NaN;
  private double exchangeVolumeUsd24h = Double.NaN;
  private double exchangePriceChange24h = Double.NaN;
  private long firstTimestamp = Long.MAX_VALUE;
  private AtmStraddle straddle;
  private RollingVwap vwap5m = new RollingVwap(5 * MINUTE, 60);
  private RollingVwap vwap1h = new RollingVwap(60 * MINUTE, 60);
  private RollingVwap trades24h = new RollingVwap(DAY, 288);
  private PriceHistory index = new PriceHistory(MINUTE, 24 * 60 + 1);
  private PercentileWindow basisRanks = percentiles(1e-4, 0.1);
  private PercentileWindow volRanks = percentiles(0.1, 5);
  private PercentileWindow gammaRanks = percentiles(1e-3, 1);

  private static PercentileWindow percentiles(double scale, double maxAbs) {
    return new PercentileWindow(scale, maxAbs, PERCENTILE_BINS, DAY, PERCENTILE_DAYS);
  }

  /** Takes one event of this underlying; the kinds and instruments it does not use are ignored. */
  public void onEvent(UnderlyingEvent event) {
    firstTimestamp = Math.min(firstTimestamp, event.timestamp());
    if (event.top() != null) {
      onPerpetualBook(event.top());
    } else if (event.trade() != null) {
      onPerpetualTrade(event.trade());
    } else if (event.index() != null) {
      indexTimestamp = Math.max(indexTimestamp, event.index().timestamp());
      index.update(event.index().timestamp(), event.index().price());
    } else if (event.ticker() != null) {
      onPerpetualTicker(event.ticker());
    } else if (event.straddle() != null) {
      straddle = event.straddle();
    }
  }

  /** A stale book (missed updates) clears the book features until it recovers. */
  private void onPerpetualBook(BookTop top) {
    if (top.kind() != InstrumentKind.PERPETUAL) {
      return;
    }
    perpBookTimestamp = top.timestamp();
    boolean usable = !top.stale() && top.bestBid() > 0 && top.bestAsk() > top.bestBid();
    perpMid = usable ? top.mid() : Double.NaN;
    bookImbalance = usable ? top.imbalance() : Double.NaN;
  }

  private void onPerpetualTrade(Trade trade) {
    if (trade.kind() != InstrumentKind.PERPETUAL) {
      return;
    }
    vwap5m.add(trade.timestamp(), trade.price(), trade.amount());
    vwap1h.add(trade.timestamp(), trade.price(), trade.amount());
    trades24h.add(trade.timestamp(), trade.price(), trade.amount());
    lastTradePrice = trade.price();
  }

  private void onPerpetualTicker(Ticker ticker) {
    if (ticker.kind() != InstrumentKind.PERPETUAL) {
      return;
    }
    funding8h = ticker.funding8h();
    exchangeVolumeUsd24h = ticker.volumeUsd24h();
    exchangePriceChange24h = ticker.priceChange24h() / 100;
  }

  /**
   * The vector at decision tick {@code now}. It also records the tick's basis, volatility and gamma
   * in their percentile windows, so it must be called once per tick, in tick order.
   */
  public FeatureVector tick(String underlying, long now) {
    boolean bookHeard = now - perpBookTimestamp <= FEED_SILENT_AFTER_MILLIS;
    double mid = bookHeard ? perpMid : Double.NaN;
    double indexNow =
        now - indexTimestamp <= FEED_SILENT_AFTER_MILLIS ? index.latest() : Double.NaN;
    AtmStraddle atm =
        straddle != null && now - straddle.timestamp() <= STRADDLE_SILENT_AFTER_MILLIS
            ? straddle
            : null;
    double spread = atm != null ? atm.relativeSpread() : Double.NaN;
    double vwapHour = vwap1h.vwap(now);
    double vwap5min = vwap5m.vwap(now);

    double[] values = new double[FeatureSchema.NAMES.size()];
    set(values, FeatureSchema.BASIS_PCT, rank(basisRanks, now, (mid - indexNow) / indexNow));
    set(
        values,
        FeatureSchema.LIQUIDITY_SCORE,
        atm != null ? Math.log1p(atm.nearDepthUsd()) / (1 + 100 * spread) : Double.NaN);
    set(
        values,
        FeatureSchema.VOL_PCT,
        rank(volRanks, now, atm != null ? atm.impliedVol() : Double.NaN));
    set(
        values,
        FeatureSchema.GAMMA_PCT,
        rank(gammaRanks, now, atm != null ? atm.gammaPerPremium() : Double.NaN));
    set(values, FeatureSchema.FUNDING_RATE, funding8h);
    set(values, FeatureSchema.PRICE_VWAP_DEV, (mid - vwapHour) / vwapHour);
    set(values, FeatureSchema.SPREAD, spread);
    set(values, FeatureSchema.VOLUME_24H, volume24h(now));
    set(values, FeatureSchema.PRICE_CHANGE_24H, priceChange24h(now, indexNow));
    set(values, FeatureSchema.BOOK_IMBALANCE, bookHeard ? bookImbalance : Double.NaN);
    set(values, FeatureSchema.VWAP_DEV, (lastTradePrice - vwap5min) / vwap5min);
    set(values, FeatureSchema.MOMENTUM, momentum(now, indexNow));
    set(values, FeatureSchema.MARKET_IMPACT, atm != null ? atm.impactBps() : Double.NaN);
    set(values, FeatureSchema.REALIZED_VOL, index.annualizedVolatility(now, 60, 2));
    set(values, FeatureSchema.REALIZED_VOL_24H, index.annualizedVolatility(now, 24 * 60, 2));
    return new FeatureVector(underlying, now, FeatureSchema.VERSION, values);
  }

  private static void set(double[] values, String name, double value) {
    values[FeatureSchema.indexOf(name)] = value;
  }

  /** Records {@code value} (when known) and returns its rank among the window's samples. */
  private static double rank(PercentileWindow window, long now, double value) {
    if (!Double.isFinite(value)) {
      return Double.NaN;
    }
    window.add(now, value);
    return window.count(now) >= PERCENTILE_MIN_SAMPLES ? window.rank(now, value) : Double.NaN;
  }

  /**
   * The perpetual's USD volume over the last 24 h from its trades once the job has seen 24 h of
   * events; before that, the exchange's own rolling figure from the perpetual's ticker (the trades
   * seen so far would understate it), or the partial sum when there is no ticker.
   */
  private double volume24h(long now) {
    boolean covered = now - firstTimestamp >= DAY;
    return covered || Double.isNaN(exchangeVolumeUsd24h)
        ? trades24h.volume(now)
        : exchangeVolumeUsd24h;
  }

  /**
   * The index's relative change since the close of the minute 24 h before; before 24 h of index
   * history, the exchange's 24 h change of the perpetual's price.
   */
  private double priceChange24h(long now, double indexNow) {
    double dayAgo = index.closeBefore(now, 24 * 60);
    return Double.isNaN(dayAgo) ? exchangePriceChange24h : indexNow / dayAgo - 1;
  }

  /**
   * The mean, over the horizons with history, of the index's log return over the horizon divided by
   * the volatility expected over it (one-minute volatility of the last hour times the square root
   * of the horizon in minutes): a trend measured in standard deviations.
   */
  private double momentum(long now, double indexNow) {
    double perMinute = index.volatilityPerInterval(now, 60, MOMENTUM_MIN_RETURNS);
    double sum = 0;
    int horizons = 0;
    for (int minutes : MOMENTUM_HORIZONS_MINUTES) {
      double z =
          Math.log(indexNow / index.closeBefore(now, minutes)) / (perMinute * Math.sqrt(minutes));
      if (Double.isFinite(z)) {
        sum += z;
        horizons++;
      }
    }
    return horizons > 0 ? sum / horizons : Double.NaN;
  }

  public double getPerpMid() {
    return perpMid;
  }

  public void setPerpMid(double perpMid) {
    this.perpMid = perpMid;
  }

  public double getBookImbalance() {
    return bookImbalance;
  }

  public void setBookImbalance(double bookImbalance) {
    this.bookImbalance = bookImbalance;
  }

  public long getPerpBookTimestamp() {
    return perpBookTimestamp;
  }

  public void setPerpBookTimestamp(long perpBookTimestamp) {
    this.perpBookTimestamp = perpBookTimestamp;
  }

  public long getIndexTimestamp() {
    return indexTimestamp;
  }

  public void setIndexTimestamp(long indexTimestamp) {
    this.indexTimestamp = indexTimestamp;
  }

  public double getLastTradePrice() {
    return lastTradePrice;
  }

  public void setLastTradePrice(double lastTradePrice) {
    this.lastTradePrice = lastTradePrice;
  }

  public double getFunding8h() {
    return funding8h;
  }

  public void setFunding8h(double funding8h) {
    this.funding8h = funding8h;
  }

  public double getExchangeVolumeUsd24h() {
    return exchangeVolumeUsd24h;
  }

  public void setExchangeVolumeUsd24h(double exchangeVolumeUsd24h) {
    this.exchangeVolumeUsd24h = exchangeVolumeUsd24h;
  }

  public double getExchangePriceChange24h() {
    return exchangePriceChange24h;
  }

  public void setExchangePriceChange24h(double exchangePriceChange24h) {
    this.exchangePriceChange24h = exchangePriceChange24h;
  }

  public long getFirstTimestamp() {
    return firstTimestamp;
  }

  public void setFirstTimestamp(long firstTimestamp) {
    this.firstTimestamp = firstTimestamp;
  }

  public AtmStraddle getStraddle() {
    return straddle;
  }

  public void setStraddle(AtmStraddle straddle) {
    this.straddle = straddle;
  }

  public RollingVwap getVwap5m() {
    return vwap5m;
  }

  public void setVwap5m(RollingVwap vwap5m) {
    this.vwap5m = vwap5m;
  }

  public RollingVwap getVwap1h() {
    return vwap1h;
  }

  public void setVwap1h(RollingVwap vwap1h) {
    this.vwap1h = vwap1h;
  }

  public RollingVwap getTrades24h() {
    return trades24h;
  }

  public void setTrades24h(RollingVwap trades24h) {
    this.trades24h = trades24h;
  }

  public PriceHistory getIndex() {
    return index;
  }

  public void setIndex(PriceHistory index) {
    this.index = index;
  }

  public PercentileWindow getBasisRanks() {
    return basisRanks;
  }

  public void setBasisRanks(PercentileWindow basisRanks) {
    this.basisRanks = basisRanks;
  }

  public PercentileWindow getVolRanks() {
    return volRanks;
  }

  public void setVolRanks(PercentileWindow volRanks) {
    this.volRanks = volRanks;
  }

  public PercentileWindow getGammaRanks() {
    return gammaRanks;
  }

  public void setGammaRanks(PercentileWindow gammaRanks) {
    this.gammaRanks = gammaRanks;
  }
}
