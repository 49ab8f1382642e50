package io.gammastraddle.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.market.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The features against their definitions (docs/features.md), recomputed from scratch out of plain
 * lists of the same events. A seeded random market of 54 hours drives both, tick by tick as the
 * features operator does: at each one-second tick that has events, those events in timestamp order,
 * then {@link UnderlyingFeatures#tick}.
 */
class UnderlyingFeaturesTest {

  private static final String BTC = "BTC";
  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  /** 2023-11-14 22:13:20 UTC: the daily percentile buckets turn over during the run. */
  private static final long T0 = 1_700_000_000_000L;

  private static final double MINUTES_PER_YEAR = 365 * 24 * 60;

  /** All but the percentiles are the same arithmetic summed in another order. */
  private static final double TOLERANCE = 1e-9;

  private static final List<String> PERCENTILES =
      List.of(FeatureSchema.BASIS_PCT, FeatureSchema.VOL_PCT, FeatureSchema.GAMMA_PCT);

  /**
   * A percentile may differ from the exact rank over the same samples by at most the share of
   * samples in the value's bin, PercentileWindow's stated bound; measured up to 0.51 of it. The
   * share is wide here (on average 0.008 for basis_pct, 0.024 for gamma_pct, 0.032 for vol_pct): an
   * at-the-money straddle repeats its values at every tick until the next one, and a vol_pct bin is
   * about 1.1 volatility points wide at 60%. Measured worst errors from 60 samples on: 0.080
   * (vol_pct), 0.016 (gamma_pct), 0.0082 (basis_pct); from 1000 samples on: 0.0063, 0.012, 0.0035.
   */
  @Test
  void everyFeatureEqualsItsBruteForceDefinitionOverTwoRandomDaysAndAQuarter() {
    List<UnderlyingEvent> events = randomMarket(new Random(5), T0, T0 + 54 * HOUR);
    UnderlyingFeatures features = new UnderlyingFeatures();
    BruteForce bruteForce =
        new BruteForce(
            Map.of(
                FeatureSchema.BASIS_PCT, features.getBasisRanks(),
                FeatureSchema.VOL_PCT, features.getVolRanks(),
                FeatureSchema.GAMMA_PCT, features.getGammaRanks()));
    Map<String, int[]> knownAndUnknown = new HashMap<>();

    int next = 0;
    for (int ticks = 0; next < events.size(); ticks++) {
      long tick = tickOf(events.get(next).timestamp());
      for (; next < events.size() && tickOf(events.get(next).timestamp()) == tick; next++) {
        features.onEvent(events.get(next));
        bruteForce.apply(events.get(next));
      }
      FeatureVector vector = features.tick(BTC, tick);
      bruteForce.recordPercentileSamples(tick);

      assertThat(vector.underlying()).isEqualTo(BTC);
      assertThat(vector.timestamp()).isEqualTo(tick);
      assertThat(vector.schemaVersion()).isEqualTo(FeatureSchema.VERSION);
      if (ticks % 43 != 0) {
        continue;
      }
      Map<String, Double> expected = bruteForce.features(tick);
      for (String name : FeatureSchema.NAMES) {
        double want = expected.get(name);
        double got = vector.value(name);
        String where = name + " at tick " + tick + " (" + (tick - T0) / SECOND + " s in)";
        knownAndUnknown.computeIfAbsent(name, n -> new int[2])[Double.isNaN(want) ? 1 : 0]++;
        if (Double.isNaN(want)) {
          assertThat(got).as(where).isNaN();
        } else {
          double bound =
              PERCENTILES.contains(name)
                  ? bruteForce.binShares.get(name) + 1e-12
                  : TOLERANCE * Math.max(1, Math.abs(want));
          assertThat(got).as(where).isBetween(want - bound, want + bound);
        }
      }
    }

    // The run reaches the known and the unknown state of every feature (a sum of no trades is 0)...
    for (String name : FeatureSchema.NAMES) {
      int[] counts = knownAndUnknown.get(name);
      assertThat(counts[0]).as(name + " known").isGreaterThan(20);
      if (name.equals(FeatureSchema.VOLUME_24H)) {
        assertThat(counts[1]).as(name + " unknown").isZero();
      } else {
        assertThat(counts[1]).as(name + " unknown").isPositive();
      }
    }
    // ... and every way volume_24h and price_change_24h are found.
    assertThat(bruteForce.cases.keySet())
        .containsExactlyInAnyOrder(
            "volume_24h: partial trades, no ticker",
            "volume_24h: ticker",
            "volume_24h: 24 h of trades",
            "price_change_24h: ticker",
            "price_change_24h: index");
  }

  @Test
  void aBookIsHeardForFiveSecondsAfterItsLastChange() {
    UnderlyingFeatures features = new UnderlyingFeatures();
    features.onEvent(UnderlyingEvent.of(perpetualTop(T0, false, 60_000, 60_001, 30_000, 10_000)));

    assertThat(features.tick(BTC, T0 + 5_000).value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(0.5);
    assertThat(features.tick(BTC, T0 + 5_001).value(FeatureSchema.BOOK_IMBALANCE)).isNaN();

    features.onEvent(UnderlyingEvent.of(perpetualTop(T0 + 5_500, false, 60_000, 60_001, 1, 3)));
    assertThat(features.tick(BTC, T0 + 6_000).value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(-0.5);
  }

  @Test
  void aStaleBookClearsTheBookFeaturesUntilItRecovers() {
    UnderlyingFeatures features = new UnderlyingFeatures();
    features.onEvent(UnderlyingEvent.of(trade(T0, InstrumentKind.PERPETUAL, 60_000, 10)));
    features.onEvent(UnderlyingEvent.of(perpetualTop(T0, false, 60_000, 60_001, 30_000, 10_000)));
    assertThat(features.tick(BTC, T0).value(FeatureSchema.PRICE_VWAP_DEV)).isEqualTo(0.5 / 60_000);
    features.onEvent(UnderlyingEvent.of(perpetualTop(T0 + 100, true, 60_000, 60_001, 3, 1)));

    FeatureVector stale = features.tick(BTC, T0 + 1_000);
    assertThat(stale.value(FeatureSchema.BOOK_IMBALANCE)).isNaN();
    assertThat(stale.value(FeatureSchema.PRICE_VWAP_DEV)).isNaN();

    features.onEvent(UnderlyingEvent.of(perpetualTop(T0 + 1_500, false, 60_000, 60_001, 3, 1)));
    FeatureVector recovered = features.tick(BTC, T0 + 2_000);
    assertThat(recovered.value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(0.5);
    assertThat(recovered.value(FeatureSchema.PRICE_VWAP_DEV)).isEqualTo(0.5 / 60_000);
  }

  @Test
  void aStraddleCountsForThirtySecondsAfterItsInstant() {
    UnderlyingFeatures features = new UnderlyingFeatures();
    AtmStraddle straddle = straddle(T0, 60_000, 0.6, 0.05, 0.02, 1e6, 12.5);
    features.onEvent(UnderlyingEvent.of(straddle));

    FeatureVector fresh = features.tick(BTC, T0 + 30_000);
    assertThat(fresh.value(FeatureSchema.MARKET_IMPACT)).isEqualTo(12.5);
    assertThat(fresh.value(FeatureSchema.SPREAD)).isEqualTo(straddle.relativeSpread());
    assertThat(fresh.value(FeatureSchema.LIQUIDITY_SCORE))
        .isEqualTo(Math.log1p(1e6) / (1 + 100 * straddle.relativeSpread()));

    FeatureVector silent = features.tick(BTC, T0 + 30_001);
    assertThat(silent.value(FeatureSchema.MARKET_IMPACT)).isNaN();
    assertThat(silent.value(FeatureSchema.SPREAD)).isNaN();
    assertThat(silent.value(FeatureSchema.LIQUIDITY_SCORE)).isNaN();
  }

  /** The one-second decision tick of an event: the first multiple of a second at or after it. */
  private static long tickOf(long timestamp) {
    return -Math.floorDiv(-timestamp, SECOND) * SECOND;
  }

  /**
   * Active seconds 1 to 10 s apart, now and then a market-wide pause of minutes (holes in the
   * index's minutes); in each, with some probability, index prices, perpetual book tops (a few
   * stale), perpetual trades, perpetual tickers (from hour 3 on, so the first hours have none), and
   * ATM straddles emitted at the tick; each feed has outages of its own. Trades, tops and tickers
   * of a future are mixed in: they must change nothing.
   */
  private static List<UnderlyingEvent> randomMarket(Random random, long start, long end) {
    List<UnderlyingEvent> events = new ArrayList<>();
    double index = 36_000;
    double impliedVol = 0.6;
    long indexOutageUntil = 0;
    long bookOutageUntil = 0;
    long straddleOutageUntil = 0;
    long tradeOutageUntil = 0;
    long gap = 0;
    for (long tick = start; tick < end; tick += gap) {
      gap =
          random.nextDouble() < 0.002
              ? (2 + random.nextInt(15)) * MINUTE
              : (1 + random.nextInt(10)) * SECOND;
      index *= Math.exp(1e-4 * random.nextGaussian() * Math.sqrt(gap / (double) SECOND));
      double mid = index * (1 + 2e-4 + 3e-4 * random.nextGaussian());
      if (random.nextDouble() < 0.004) {
        indexOutageUntil = tick + (10 + random.nextInt(600)) * SECOND;
      }
      if (random.nextDouble() < 0.004) {
        bookOutageUntil = tick + (3 + random.nextInt(60)) * SECOND;
      }
      if (random.nextDouble() < 0.004) {
        straddleOutageUntil = tick + (10 + random.nextInt(300)) * SECOND;
      }
      if (random.nextDouble() < 0.001) {
        tradeOutageUntil = tick + (1 + random.nextInt(20)) * MINUTE;
      }
      if (tick >= indexOutageUntil && random.nextDouble() < 0.8) {
        events.add(UnderlyingEvent.of(index(beforeTick(random, tick), index)));
      }
      if (tick >= bookOutageUntil && random.nextDouble() < 0.7) {
        double half = 0.25 + 5 * random.nextDouble();
        events.add(
            UnderlyingEvent.of(
                perpetualTop(
                    beforeTick(random, tick),
                    random.nextDouble() < 0.03,
                    mid - half,
                    mid + half,
                    1e4 + 1e6 * random.nextDouble(),
                    1e4 + 1e6 * random.nextDouble())));
      }
      for (int i = tick >= tradeOutageUntil ? random.nextInt(4) : 0; i > 0; i--) {
        double price = mid * (1 + 1e-4 * random.nextGaussian());
        events.add(
            UnderlyingEvent.of(
                trade(
                    beforeTick(random, tick),
                    InstrumentKind.PERPETUAL,
                    price,
                    10 * (1 + random.nextInt(1000)))));
      }
      if (tick >= start + 3 * HOUR && random.nextDouble() < 0.03) {
        events.add(
            UnderlyingEvent.of(
                ticker(
                    beforeTick(random, tick),
                    InstrumentKind.PERPETUAL,
                    1e-4 * random.nextGaussian(),
                    3e8 * (1 + random.nextDouble()),
                    5 * random.nextGaussian())));
      }
      if (tick >= straddleOutageUntil && random.nextDouble() < 0.2) {
        impliedVol = Math.max(0.3, Math.min(1.2, impliedVol + 0.01 * random.nextGaussian()));
        events.add(UnderlyingEvent.of(randomStraddle(random, tick, index, impliedVol)));
      }
      if (random.nextDouble() < 0.02) {
        long at = beforeTick(random, tick);
        events.add(UnderlyingEvent.of(trade(at, InstrumentKind.FUTURE, 2 * index, 1e6)));
        events.add(UnderlyingEvent.of(ticker(at, InstrumentKind.FUTURE, 0.5, 1, 99)));
        events.add(
            UnderlyingEvent.of(
                new BookTop(
                    "BTC-29DEC23",
                    BTC,
                    InstrumentKind.FUTURE,
                    at,
                    1,
                    1,
                    2,
                    1,
                    1,
                    1e9,
                    false,
                    1,
                    2,
                    1,
                    0)));
      }
    }
    events.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
    return events;
  }

  /** An instant of the second that ends at {@code tick}, sometimes the tick itself. */
  private static long beforeTick(Random random, long tick) {
    return tick - random.nextInt(1_000);
  }

  /**
   * A straddle of the first expiry at least a day away whose prices and gamma have the shape of an
   * at-the-money straddle's (premium about 0.8 sigma sqrt(T), gamma about 0.8 / (F sigma sqrt(T)));
   * now and then without a usable book.
   */
  private static AtmStraddle randomStraddle(
      Random random, long tick, double index, double impliedVol) {
    long expiry = (Math.floorDiv(tick - 8 * HOUR, DAY) + 2) * DAY + 8 * HOUR;
    double stdDev = impliedVol * Math.sqrt((expiry - tick) / (365.0 * DAY));
    double forward = index * 1.0002;
    double mark = 0.8 * stdDev * (1 + 0.05 * random.nextGaussian());
    double halfSpread = mark * (0.005 + 0.02 * random.nextDouble());
    boolean noBook = random.nextDouble() < 0.05;
    return new AtmStraddle(
        BTC,
        tick,
        expiry,
        Math.round(forward / 500) * 500.0,
        "call",
        "put",
        forward,
        impliedVol,
        mark - halfSpread,
        mark + halfSpread,
        mark,
        0.02 * random.nextGaussian(),
        0.8 / (forward * stdDev) * (1 + 0.05 * random.nextGaussian()),
        30 * random.nextDouble(),
        -100 * random.nextDouble(),
        noBook ? Double.NaN : 1e7 * random.nextDouble(),
        noBook ? Double.NaN : 100 * random.nextDouble(),
        tick - random.nextInt(5_000));
  }

  /** The features by their definitions, from every event seen so far kept in plain lists. */
  private static final class BruteForce {

    /** A percentile sample and the bin of the window's histogram it falls in. */
    private record Sample(long tick, double value, int bin) {}

    /** The histograms of the features under test, for their binning only. */
    final Map<String, PercentileWindow> binnings;

    final List<UnderlyingEvent> all = new ArrayList<>();
    final List<Trade> trades = new ArrayList<>();
    final List<BookTop> tops = new ArrayList<>();
    final List<IndexPrice> indexPrices = new ArrayList<>();
    final List<Ticker> tickers = new ArrayList<>();
    final List<AtmStraddle> straddles = new ArrayList<>();

    /** The last index price of each minute: the minute's close once the minute is over. */
    final Map<Long, Double> closes = new HashMap<>();

    final Map<String, List<Sample>> samples = new HashMap<>();

    /** Share of the samples in the value's bin at the last {@link #features}: its error bound. */
    final Map<String, Double> binShares = new HashMap<>();

    /** How often each way of finding a feature was taken. */
    final Map<String, Integer> cases = new HashMap<>();

    BruteForce(Map<String, PercentileWindow> binnings) {
      this.binnings = binnings;
    }

    void apply(UnderlyingEvent event) {
      all.add(event);
      if (event.trade() != null && event.trade().kind() == InstrumentKind.PERPETUAL) {
        trades.add(event.trade());
      } else if (event.top() != null && event.top().kind() == InstrumentKind.PERPETUAL) {
        tops.add(event.top());
      } else if (event.index() != null) {
        indexPrices.add(event.index());
        closes.put(Math.floorDiv(event.index().timestamp(), MINUTE), event.index().price());
      } else if (event.ticker() != null && event.ticker().kind() == InstrumentKind.PERPETUAL) {
        tickers.add(event.ticker());
      } else if (event.straddle() != null) {
        straddles.add(event.straddle());
      }
    }

    /** Every finite basis, ATM volatility and gamma ratio is a sample of its percentile. */
    void recordPercentileSamples(long now) {
      record(FeatureSchema.BASIS_PCT, now, basis(now));
      AtmStraddle straddle = freshStraddle(now);
      record(FeatureSchema.VOL_PCT, now, straddle == null ? Double.NaN : straddle.impliedVol());
      record(FeatureSchema.GAMMA_PCT, now, straddle == null ? Double.NaN : gammaRatio(straddle));
    }

    private void record(String name, long now, double value) {
      if (Double.isFinite(value)) {
        samples
            .computeIfAbsent(name, n -> new ArrayList<>())
            .add(new Sample(now, value, bin(binnings.get(name), value)));
      }
    }

    Map<String, Double> features(long now) {
      Map<String, Double> features = new HashMap<>();
      AtmStraddle straddle = freshStraddle(now);
      double spread =
          straddle == null
              ? Double.NaN
              : (straddle.ask() - straddle.bid()) / ((straddle.ask() + straddle.bid()) / 2);
      features.put(FeatureSchema.BASIS_PCT, rank(FeatureSchema.BASIS_PCT, now, basis(now)));
      features.put(
          FeatureSchema.LIQUIDITY_SCORE,
          straddle == null ? Double.NaN : Math.log1p(straddle.nearDepthUsd()) / (1 + 100 * spread));
      features.put(
          FeatureSchema.VOL_PCT,
          rank(FeatureSchema.VOL_PCT, now, straddle == null ? Double.NaN : straddle.impliedVol()));
      features.put(
          FeatureSchema.GAMMA_PCT,
          rank(FeatureSchema.GAMMA_PCT, now, straddle == null ? Double.NaN : gammaRatio(straddle)));
      features.put(
          FeatureSchema.FUNDING_RATE, tickers.isEmpty() ? Double.NaN : last(tickers).funding8h());
      double hourVwap = vwap(now, HOUR, 60);
      features.put(FeatureSchema.PRICE_VWAP_DEV, (perpetualMid(now) - hourVwap) / hourVwap);
      features.put(FeatureSchema.SPREAD, spread);
      features.put(FeatureSchema.VOLUME_24H, volume24h(now));
      features.put(FeatureSchema.PRICE_CHANGE_24H, priceChange24h(now));
      BookTop top = heardTop(now);
      features.put(
          FeatureSchema.BOOK_IMBALANCE,
          top == null
              ? Double.NaN
              : (top.bidDepth() - top.askDepth()) / (top.bidDepth() + top.askDepth()));
      double fiveMinuteVwap = vwap(now, 5 * MINUTE, 60);
      double lastTrade = trades.isEmpty() ? Double.NaN : last(trades).price();
      features.put(FeatureSchema.VWAP_DEV, (lastTrade - fiveMinuteVwap) / fiveMinuteVwap);
      features.put(FeatureSchema.MOMENTUM, momentum(now));
      features.put(
          FeatureSchema.MARKET_IMPACT, straddle == null ? Double.NaN : straddle.impactBps());
      features.put(
          FeatureSchema.REALIZED_VOL, rootMeanSquareReturn(now, 60) * Math.sqrt(MINUTES_PER_YEAR));
      features.put(
          FeatureSchema.REALIZED_VOL_24H,
          rootMeanSquareReturn(now, 24 * 60) * Math.sqrt(MINUTES_PER_YEAR));
      return features;
    }

    /** The latest perpetual top if it changed in the last 5 s, is not stale and has two sides. */
    private BookTop heardTop(long now) {
      if (tops.isEmpty()) {
        return null;
      }
      BookTop top = last(tops);
      boolean usable = !top.stale() && top.bestBid() > 0 && top.bestAsk() > top.bestBid();
      return now - top.timestamp() <= 5 * SECOND && usable ? top : null;
    }

    private double perpetualMid(long now) {
      BookTop top = heardTop(now);
      return top == null ? Double.NaN : (top.bestBid() + top.bestAsk()) / 2;
    }

    /** The latest index price if it came in the last 5 s. */
    private double indexNow(long now) {
      if (indexPrices.isEmpty() || now - last(indexPrices).timestamp() > 5 * SECOND) {
        return Double.NaN;
      }
      return last(indexPrices).price();
    }

    private double basis(long now) {
      return (perpetualMid(now) - indexNow(now)) / indexNow(now);
    }

    private AtmStraddle freshStraddle(long now) {
      if (straddles.isEmpty() || now - last(straddles).timestamp() > 30 * SECOND) {
        return null;
      }
      return last(straddles);
    }

    private static double gammaRatio(AtmStraddle straddle) {
      double move = 0.01 * straddle.forward();
      return 0.5 * straddle.gamma() * move * move / (straddle.mark() * straddle.forward());
    }

    /**
     * The exact rank, (below + equal / 2) / count, among the samples of the 30 days ending with the
     * one holding {@code now}; NaN below 60 samples.
     */
    private double rank(String name, long now, double value) {
      if (!Double.isFinite(value)) {
        return Double.NaN;
      }
      long windowStart = (Math.floorDiv(now, DAY) - 29) * DAY;
      int count = 0;
      int below = 0;
      int equal = 0;
      int inBin = 0;
      int bin = bin(binnings.get(name), value);
      for (Sample sample : samples.get(name)) {
        if (sample.tick() >= windowStart) {
          count++;
          below += sample.value() < value ? 1 : 0;
          equal += sample.value() == value ? 1 : 0;
          inBin += sample.bin() == bin ? 1 : 0;
        }
      }
      binShares.put(name, inBin / (double) count);
      return count >= 60 ? (below + 0.5 * equal) / count : Double.NaN;
    }

    /**
     * The bin of {@code value} in {@code window}'s histogram: uniform in asinh(value / scale) over
     * +-asinh(maxAbs / scale), the values beyond in the end bins.
     */
    private static int bin(PercentileWindow window, double value) {
      double limit = asinh(window.getMaxAbs() / window.getScale());
      double position = (asinh(value / window.getScale()) + limit) / (2 * limit) * window.getBins();
      return (int) Math.max(0, Math.min(window.getBins() - 1, Math.floor(position)));
    }

    /** ln(x + sqrt(x^2 + 1)), in the form PercentileWindow uses so the bins' edges agree. */
    private static double asinh(double x) {
      double a = Math.abs(x);
      return Math.copySign(Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a))), x);
    }

    /**
     * VWAP of the perpetual's trades in the {@code buckets} buckets of {@code window / buckets}
     * ending with the one holding {@code now}.
     */
    private double vwap(long now, long window, int buckets) {
      long bucketMillis = window / buckets;
      long oldest = Math.floorDiv(now, bucketMillis) - buckets + 1;
      double notional = 0;
      double amount = 0;
      for (int i = trades.size() - 1;
          i >= 0 && Math.floorDiv(trades.get(i).timestamp(), bucketMillis) >= oldest;
          i--) {
        notional += trades.get(i).price() * trades.get(i).amount();
        amount += trades.get(i).amount();
      }
      return amount > 0 ? notional / amount : Double.NaN;
    }

    /**
     * The USD traded in the 288 five-minute buckets ending at {@code now} once 24 h of events have
     * been seen or when no perpetual ticker has come; otherwise the ticker's own 24 h volume.
     */
    private double volume24h(long now) {
      long oldest = Math.floorDiv(now, 5 * MINUTE) - 288 + 1;
      double amount = 0;
      for (int i = trades.size() - 1;
          i >= 0 && Math.floorDiv(trades.get(i).timestamp(), 5 * MINUTE) >= oldest;
          i--) {
        amount += trades.get(i).amount();
      }
      if (now - all.get(0).timestamp() >= DAY) {
        count("volume_24h: 24 h of trades");
        return amount;
      }
      if (tickers.isEmpty()) {
        count("volume_24h: partial trades, no ticker");
        return amount;
      }
      count("volume_24h: ticker");
      return last(tickers).volumeUsd24h();
    }

    /**
     * The index now over the close of the minute 1440 minutes before the tick's; without that
     * close, the perpetual ticker's change.
     */
    private double priceChange24h(long now) {
      Double dayAgo = closes.get(Math.floorDiv(now, MINUTE) - 24 * 60);
      if (dayAgo != null) {
        count("price_change_24h: index");
        return indexNow(now) / dayAgo - 1;
      }
      if (tickers.isEmpty()) {
        return Double.NaN;
      }
      count("price_change_24h: ticker");
      return last(tickers).priceChange24h() / 100;
    }

    /**
     * Root mean square of the log returns between consecutive minute closes, over the {@code
     * minutes} whole minutes before the tick's; NaN with fewer than 2 returns.
     */
    private double rootMeanSquareReturn(long now, int minutes) {
      long tickMinute = Math.floorDiv(now, MINUTE);
      double sumSquares = 0;
      int returns = 0;
      for (long minute = tickMinute - minutes; minute < tickMinute; minute++) {
        Double close = closes.get(minute);
        Double previous = closes.get(minute - 1);
        if (close != null && previous != null) {
          sumSquares += Math.pow(Math.log(close / previous), 2);
          returns++;
        }
      }
      return returns >= 2 ? Math.sqrt(sumSquares / returns) : Double.NaN;
    }

    /**
     * Mean over 5, 15 and 60 minutes of the index's log return since the close that many minutes
     * before the tick's, in units of the last hour's one-minute volatility scaled to the horizon.
     */
    private double momentum(long now) {
      double perMinute = rootMeanSquareReturn(now, 60);
      double sum = 0;
      int horizons = 0;
      for (int minutes : new int[] {5, 15, 60}) {
        Double then = closes.get(Math.floorDiv(now, MINUTE) - minutes);
        if (then != null && !Double.isNaN(indexNow(now)) && !Double.isNaN(perMinute)) {
          sum += Math.log(indexNow(now) / then) / (perMinute * Math.sqrt(minutes));
          horizons++;
        }
      }
      return horizons > 0 ? sum / horizons : Double.NaN;
    }

    private void count(String way) {
      cases.merge(way, 1, Integer::sum);
    }

    private static <T> T last(List<T> list) {
      return list.get(list.size() - 1);
    }
  }

  private static IndexPrice index(long timestamp, double price) {
    return new IndexPrice("btc_usd", BTC, timestamp, price, 0);
  }

  private static BookTop perpetualTop(
      long timestamp, boolean stale, double bid, double ask, double bidDepth, double askDepth) {
    return new BookTop(
        "BTC-PERPETUAL",
        BTC,
        InstrumentKind.PERPETUAL,
        timestamp,
        bid,
        1_000,
        ask,
        2_000,
        bidDepth,
        askDepth,
        stale,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0);
  }

  private static Trade trade(long timestamp, InstrumentKind kind, double price, double amount) {
    String instrument = kind == InstrumentKind.PERPETUAL ? "BTC-PERPETUAL" : "BTC-29DEC23";
    return new Trade(
        instrument,
        BTC,
        kind,
        timestamp,
        "t" + timestamp,
        timestamp,
        price,
        amount,
        true,
        price,
        0);
  }

  private static Ticker ticker(
      long timestamp,
      InstrumentKind kind,
      double funding8h,
      double volumeUsd24h,
      double priceChange24hPercent) {
    String instrument = kind == InstrumentKind.PERPETUAL ? "BTC-PERPETUAL" : "BTC-29DEC23";
    return new Ticker(
        instrument,
        BTC,
        kind,
        timestamp,
        36_000,
        36_000,
        36_000,
        35_999,
        1_000,
        36_001,
        1_000,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        funding8h,
        funding8h / 8,
        1e9,
        volumeUsd24h / 36_000,
        volumeUsd24h,
        priceChange24hPercent,
        0);
  }

  private static AtmStraddle straddle(
      long timestamp,
      double forward,
      double impliedVol,
      double mark,
      double relativeSpread,
      double nearDepthUsd,
      double impactBps) {
    double halfSpread = mark * relativeSpread / 2;
    return new AtmStraddle(
        BTC,
        timestamp,
        timestamp + 2 * DAY,
        forward,
        "call",
        "put",
        forward,
        impliedVol,
        mark - halfSpread,
        mark + halfSpread,
        mark,
        0,
        1e-5,
        40,
        -90,
        nearDepthUsd,
        impactBps,
        timestamp);
  }
}
