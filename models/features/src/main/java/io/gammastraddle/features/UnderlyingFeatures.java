package io.gammastraddle.features;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.Trade;

/**
 * The running feature state of one underlying: it takes the market events that matter and produces
 * a {@link FeatureVector} on demand. The Flink operator keeps one per underlying in keyed state;
 * the benchmark's plain loop drives the same class, so both compute exactly the same thing.
 *
 * <p>A Flink POJO (public no-argument constructor, getters and setters) so its state can evolve.
 */
public class UnderlyingFeatures {

  static final long VWAP_WINDOW_MILLIS = 60_000;
  static final int VWAP_BUCKETS = 60;
  static final long VOL_SAMPLE_MILLIS = 1_000;
  static final int VOL_WINDOW_SAMPLES = 300;

  /**
   * A perpetual's book that has not changed for this long (event time) is treated as a feed that
   * stopped: Deribit publishes its busiest book on every 100 ms interval, so seconds of silence
   * mean a lost or stuck connection, and no decision may rest on its last prices.
   */
  public static final long BOOK_SILENT_AFTER_MILLIS = 5_000;

  private double perpMid = Double.NaN;
  private double perpSpread = Double.NaN;
  private double bookImbalance = Double.NaN;
  private long perpBookTimestamp = Long.MIN_VALUE;
  private double lastTradePrice = Double.NaN;
  private RollingVwap vwap = new RollingVwap(VWAP_WINDOW_MILLIS, VWAP_BUCKETS);
  private RealizedVolatility realizedVol =
      new RealizedVolatility(VOL_SAMPLE_MILLIS, VOL_WINDOW_SAMPLES);

  /**
   * Takes the perpetual's book; a stale book (missed updates) clears the book features until it
   * recovers, and so does a book silent for {@link #BOOK_SILENT_AFTER_MILLIS}.
   */
  public void onBookTop(BookTop top) {
    if (top.kind() != InstrumentKind.PERPETUAL) {
      return;
    }
    perpBookTimestamp = top.timestamp();
    boolean usable = !top.stale() && top.bestBid() > 0 && top.bestAsk() > top.bestBid();
    perpMid = usable ? top.mid() : Double.NaN;
    perpSpread = usable ? top.relativeSpread() : Double.NaN;
    bookImbalance = usable ? top.imbalance() : Double.NaN;
  }

  public void onTrade(Trade trade) {
    if (trade.kind() != InstrumentKind.PERPETUAL) {
      return;
    }
    vwap.add(trade.timestamp(), trade.price(), trade.amount());
    lastTradePrice = trade.price();
  }

  public void onIndex(IndexPrice index) {
    realizedVol.update(index.timestamp(), index.price());
  }

  public FeatureVector vector(String underlying, long timestamp) {
    double vwap1m = vwap.vwap(timestamp);
    boolean bookHeard = timestamp - perpBookTimestamp <= BOOK_SILENT_AFTER_MILLIS;
    double[] values = new double[FeatureSchema.NAMES.size()];
    values[FeatureSchema.indexOf(FeatureSchema.PERP_MID)] = bookHeard ? perpMid : Double.NaN;
    values[FeatureSchema.indexOf(FeatureSchema.PERP_SPREAD)] = bookHeard ? perpSpread : Double.NaN;
    values[FeatureSchema.indexOf(FeatureSchema.BOOK_IMBALANCE)] =
        bookHeard ? bookImbalance : Double.NaN;
    values[FeatureSchema.indexOf(FeatureSchema.VWAP_DEV_1M)] = (lastTradePrice - vwap1m) / vwap1m;
    values[FeatureSchema.indexOf(FeatureSchema.REALIZED_VOL)] = realizedVol.annualized(timestamp);
    return new FeatureVector(underlying, timestamp, FeatureSchema.VERSION, values);
  }

  public double getPerpMid() {
    return perpMid;
  }

  public void setPerpMid(double perpMid) {
    this.perpMid = perpMid;
  }

  public double getPerpSpread() {
    return perpSpread;
  }

  public void setPerpSpread(double perpSpread) {
    this.perpSpread = perpSpread;
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

  public double getLastTradePrice() {
    return lastTradePrice;
  }

  public void setLastTradePrice(double lastTradePrice) {
    this.lastTradePrice = lastTradePrice;
  }

  public RollingVwap getVwap() {
    return vwap;
  }

  public void setVwap(RollingVwap vwap) {
    this.vwap = vwap;
  }

  public RealizedVolatility getRealizedVol() {
    return realizedVol;
  }

  public void setRealizedVol(RealizedVolatility realizedVol) {
    this.realizedVol = realizedVol;
  }
}
