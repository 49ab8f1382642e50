package io.gammastraddle.positions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The account's positions in one currency's inverse options and perpetual, built from our fills
 * ({@code deribit.user.raw}), with realized and unrealized P&L in coin after fees.
 *
 * <p>Fills arrive at least once (a reconnect or a restart from a checkpoint replays some): a fill
 * whose trade id was already applied is ignored. The ids of the last {@code rememberedTrades} fills
 * are kept in a ring, so state stays bounded; a replay older than that would count twice, which is
 * why {@link #reconcile} exists. The check scans the ring: fills come a few per minute, so 4,096
 * string comparisons per fill are negligible.
 *
 * <p>Against the exchange: {@link #reconcile} reports every instrument whose size differs and
 * changes nothing; {@link #adopt} takes the exchange's sizes and average prices, for after a
 * reconnect or a restart when the difference is explained (fills missed while disconnected).
 *
 * <p>Usage: {@code positions.apply(fill)} for each fill, {@code positions.pnl(marks, index)} at
 * each tick, {@link PortfolioGreeks#of} for the Greeks. A Flink POJO: mutable, plain fields.
 */
public class Positions {

  public static final int DEFAULT_REMEMBERED_TRADES = 4096;

  private String currency;
  private Map<String, InstrumentPosition> positions = new TreeMap<>();
  private String[] recentTradeIds;
  private int nextTradeSlot;

  public Positions() {}

  public Positions(String currency) {
    this(currency, DEFAULT_REMEMBERED_TRADES);
  }

  /**
   * @param currency the coin of every instrument here, {@code BTC}
   * @param rememberedTrades how many recent trade ids are kept to drop replayed fills
   */
  public Positions(String currency, int rememberedTrades) {
    if (currency == null || currency.isBlank() || currency.contains("-")) {
      throw new IllegalArgumentException("need a currency such as BTC: " + currency);
    }
    if (rememberedTrades < 1) {
      throw new IllegalArgumentException("must remember at least one trade: " + rememberedTrades);
    }
    this.currency = currency;
    this.recentTradeIds = new String[rememberedTrades];
  }

  /**
   * Applies one fill.
   *
   * @return false if the fill's trade id was already applied (the fill is ignored), true otherwise
   * @throws IllegalArgumentException if the fill is in another currency's instrument
   */
  public boolean apply(Fill fill) {
    requireOwnCurrency(fill.instrument());
    if (isRemembered(fill.tradeId())) {
      return false;
    }
    recentTradeIds[nextTradeSlot] = fill.tradeId();
    nextTradeSlot = (nextTradeSlot + 1) % recentTradeIds.length;
    positions.put(fill.instrument(), position(fill.instrument()).after(fill));
    return true;
  }

  /** The position in {@code instrument}; flat with no history if we never traded it. */
  public InstrumentPosition position(String instrument) {
    InstrumentPosition position = positions.get(instrument);
    return position != null ? position : InstrumentPosition.flat(instrument);
  }

  /** Every instrument traded since start, flat ones included (they carry realized P&L and fees). */
  public Collection<InstrumentPosition> all() {
    return List.copyOf(positions.values());
  }

  /** Signed sizes of the open positions, by instrument. */
  public Map<String, Double> openSizes() {
    Map<String, Double> sizes = new TreeMap<>();
    for (InstrumentPosition position : positions.values()) {
      if (!position.isFlat()) {
        sizes.put(position.instrument(), position.size());
      }
    }
    return sizes;
  }

  /**
   * P&L of all positions: realized and fees since start, unrealized at {@code markPrices}.
   *
   * @param markPrices mark price by instrument (coin for options, USD for the perpetual); needed
   *     for every open position
   * @param indexPrice USD per coin, for the USD figures
   * @throws IllegalArgumentException if an open position has no usable mark, or the index is not
   *     positive
   */
  public PnlSummary pnl(Map<String, Double> markPrices, double indexPrice) {
    if (!Fill.isPositiveFinite(indexPrice)) {
      throw new IllegalArgumentException("index price must be positive and finite: " + indexPrice);
    }
    double realized = 0;
    double unrealized = 0;
    double fees = 0;
    for (InstrumentPosition position : positions.values()) {
      realized += position.realizedPnl();
      fees += position.fees();
      if (!position.isFlat()) {
        Double mark = markPrices.get(position.instrument());
        if (mark == null) {
          throw new IllegalArgumentException("no mark price for open " + position.instrument());
        }
        unrealized += position.unrealizedPnl(mark);
      }
    }
    return new PnlSummary(realized, unrealized, fees, indexPrice);
  }

  /**
   * Compares our sizes with the exchange's and changes nothing.
   *
   * @param exchangeSizes signed size by instrument as the exchange reports it; an instrument it
   *     does not list counts as 0
   * @return every instrument whose sizes differ, sorted by name; empty when they agree
   * @throws IllegalArgumentException if a size is not finite or an instrument is another currency's
   */
  public List<SizeDifference> reconcile(Map<String, Double> exchangeSizes) {
    TreeSet<String> instruments = new TreeSet<>(openSizes().keySet());
    exchangeSizes.forEach(
        (instrument, size) -> {
          requireOwnCurrency(instrument);
          if (size == null || !Double.isFinite(size)) {
            throw new IllegalArgumentException("exchange size of " + instrument + ": " + size);
          }
          instruments.add(instrument);
        });
    List<SizeDifference> differences = new ArrayList<>();
    for (String instrument : instruments) {
      double ours = position(instrument).size();
      double exchange = InstrumentPosition.clean(exchangeSizes.getOrDefault(instrument, 0.0));
      if (ours != exchange) {
        differences.add(new SizeDifference(instrument, ours, exchange));
      }
    }
    return differences;
  }

  /**
   * Replaces our sizes and average prices with the exchange's, for after a reconnect or restart:
   * instruments it does not list become flat. Realized P&L and fees so far are kept.
   *
   * @return the size differences adopted, as {@link #reconcile} reports them before adopting
   * @throws IllegalArgumentException if an instrument is listed twice or is another currency's
   */
  public List<SizeDifference> adopt(Collection<ExchangePosition> exchangePositions) {
    Map<String, ExchangePosition> byInstrument = new TreeMap<>();
    Map<String, Double> exchangeSizes = new TreeMap<>();
    for (ExchangePosition exchange : exchangePositions) {
      if (byInstrument.put(exchange.instrument(), exchange) != null) {
        throw new IllegalArgumentException("listed twice: " + exchange.instrument());
      }
      exchangeSizes.put(exchange.instrument(), exchange.size());
    }
    List<SizeDifference> differences = reconcile(exchangeSizes);
    for (String instrument : openSizes().keySet()) {
      if (!byInstrument.containsKey(instrument)) {
        positions.put(instrument, position(instrument).adopting(0, 0));
      }
    }
    for (ExchangePosition exchange : byInstrument.values()) {
      positions.put(
          exchange.instrument(),
          position(exchange.instrument()).adopting(exchange.size(), exchange.averagePrice()));
    }
    return differences;
  }

  private boolean isRemembered(String tradeId) {
    for (String remembered : recentTradeIds) {
      if (tradeId.equals(remembered)) {
        return true;
      }
    }
    return false;
  }

  private void requireOwnCurrency(String instrument) {
    Objects.requireNonNull(currency, "positions without a currency");
    if (!currency.equals(ContractType.currencyOf(instrument))) {
      throw new IllegalArgumentException(
          "instrument " + instrument + " is not in this account's currency " + currency);
    }
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public Map<String, InstrumentPosition> getPositions() {
    return positions;
  }

  public void setPositions(Map<String, InstrumentPosition> positions) {
    this.positions = positions;
  }

  public String[] getRecentTradeIds() {
    return recentTradeIds;
  }

  public void setRecentTradeIds(String[] recentTradeIds) {
    this.recentTradeIds = recentTradeIds;
  }

  public int getNextTradeSlot() {
    return nextTradeSlot;
  }

  public void setNextTradeSlot(int nextTradeSlot) {
    this.nextTradeSlot = nextTradeSlot;
  }
}
