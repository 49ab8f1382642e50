package io.gammastraddle.simulator;

import io.gammastraddle.market.PriceGrid;
import java.util.Locale;

/**
 * One instrument the simulator lists: a coin-margined ("reversed") perpetual or a European option
 * on the same underlying, with the contract terms {@code public/get_instruments} reports.
 *
 * @param name Deribit instrument name ({@code BTC-PERPETUAL}, {@code BTC-5JAN24-60000-C})
 * @param currency base currency ({@code BTC})
 * @param kind perpetual, call or put
 * @param strike option strike in USD, 0 for the perpetual
 * @param expirationTimestamp option expiry (08:00 UTC), Deribit's far-future value for perpetuals
 * @param creationTimestamp when the instrument was listed
 * @param instrumentId numeric id, unique among the simulator's instruments
 * @param priceGrid the prices orders may have: USD for the perpetual, coin for options
 * @param contractSize USD per contract for the perpetual, coin per contract for options
 * @param minTradeAmount smallest amount and amount step: USD for the perpetual, coin for options
 */
public record Instrument(
    String name,
    String currency,
    Kind kind,
    double strike,
    long expirationTimestamp,
    long creationTimestamp,
    int instrumentId,
    PriceGrid priceGrid,
    double contractSize,
    double minTradeAmount) {

  /** Kinds of instrument the simulator lists. */
  public enum Kind {
    PERPETUAL,
    CALL,
    PUT
  }

  /** Deribit's expiration_timestamp for perpetuals: 3000-01-01T08:00:00Z. */
  static final long PERPETUAL_EXPIRATION = 32_503_708_800_000L;

  /** BTC-PERPETUAL's real listing time; used for every simulated perpetual. */
  static final long PERPETUAL_CREATION = 1_534_167_754_000L;

  static final double OPTION_CONTRACT_SIZE = 1.0;

  static Instrument perpetual(UnderlyingParameters parameters, int instrumentId) {
    return new Instrument(
        parameters.currency() + "-PERPETUAL",
        parameters.currency(),
        Kind.PERPETUAL,
        0,
        PERPETUAL_EXPIRATION,
        PERPETUAL_CREATION,
        instrumentId,
        PriceGrid.flat(parameters.perpetualTickSize()),
        parameters.perpetualContractSize(),
        parameters.perpetualContractSize());
  }

  static Instrument option(
      UnderlyingParameters parameters,
      Kind kind,
      long strike,
      long expirationTimestamp,
      long creationTimestamp,
      int instrumentId) {
    String currency = parameters.currency();
    String name =
        currency
            + "-"
            + ExpiryCalendar.code(expirationTimestamp)
            + "-"
            + strike
            + (kind == Kind.CALL ? "-C" : "-P");
    return new Instrument(
        name,
        currency,
        kind,
        strike,
        expirationTimestamp,
        creationTimestamp,
        instrumentId,
        PriceGrid.deribitOption(),
        OPTION_CONTRACT_SIZE,
        parameters.optionMinTradeAmount());
  }

  public boolean isOption() {
    return kind != Kind.PERPETUAL;
  }

  /** Deribit's {@code kind} field: {@code future} for perpetuals, {@code option} for options. */
  public String deribitKind() {
    return isOption() ? "option" : "future";
  }

  /** The price index the instrument settles against, e.g. {@code btc_usd}. */
  public String indexName() {
    return currency.toLowerCase(Locale.ROOT) + "_usd";
  }

  /** The definition as one element of Deribit's {@code public/get_instruments} result. */
  public String definitionJson() {
    JsonWriter json = new JsonWriter();
    writeDefinition(json);
    return json.take();
  }

  void writeDefinition(JsonWriter json) {
    json.beginObject().decimal("tick_size", priceGrid.tickSize(), 4).beginArray("tick_size_steps");
    for (PriceGrid.Step step : priceGrid.steps()) {
      json.beginObject()
          .decimal("above_price", step.abovePrice(), 4)
          .decimal("tick_size", step.tickSize(), 4)
          .endObject();
    }
    json.endArray()
        .decimal("taker_commission", isOption() ? 0.0003 : 0.0005, 5)
        .field(
            "settlement_period",
            isOption() ? ExpiryCalendar.settlementPeriod(expirationTimestamp) : "perpetual")
        .field("settlement_currency", currency)
        .field("quote_currency", isOption() ? currency : "USD")
        .field("price_index", indexName());
    if (isOption()) {
      json.decimal("strike", strike, 0).field("option_type", kind == Kind.CALL ? "call" : "put");
    }
    json.decimal("min_trade_amount", minTradeAmount, 1);
    if (!isOption()) {
      json.decimal("max_liquidation_commission", 0.0075, 4).field("max_leverage", 50);
    }
    json.decimal("maker_commission", isOption() ? 0.0003 : 0.0, 5)
        .field("kind", deribitKind())
        .field("is_active", true)
        .field("instrument_name", name)
        .field("instrument_id", instrumentId)
        .field("instrument_type", "reversed")
        .field("expiration_timestamp", expirationTimestamp)
        .field("creation_timestamp", creationTimestamp)
        .field("counter_currency", "USD")
        .decimal("contract_size", contractSize, 1)
        .decimal("block_trade_tick_size", isOption() ? 0.0001 : 0.01, 4)
        .field("block_trade_min_trade_amount", isOption() ? 25 : 200_000)
        .decimal("block_trade_commission", isOption() ? 0.00015 : 0.00025, 5)
        .field("base_currency", currency)
        .field("state", "open")
        .endObject();
  }
}
