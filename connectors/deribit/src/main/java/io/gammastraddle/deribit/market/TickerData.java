package io.gammastraddle.deribit.market;

import com.fasterxml.jackson.core.JsonParser;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.market.Ticker;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The data of a {@code ticker.*} notification. Every number is optional (NaN when absent): greeks
 * come only with options, funding only with perpetuals.
 */
final class TickerData implements ChannelData {

  private String instrument;
  private Long timestamp;
  private double markPrice = Double.NaN;
  private double indexPrice = Double.NaN;
  private double underlyingPrice = Double.NaN;
  private double bestBidPrice = Double.NaN;
  private double bestBidAmount = Double.NaN;
  private double bestAskPrice = Double.NaN;
  private double bestAskAmount = Double.NaN;
  private double markIv = Double.NaN;
  private double bidIv = Double.NaN;
  private double askIv = Double.NaN;
  private double delta = Double.NaN;
  private double gamma = Double.NaN;
  private double vega = Double.NaN;
  private double theta = Double.NaN;
  private double rho = Double.NaN;
  private double funding8h = Double.NaN;
  private double currentFunding = Double.NaN;
  private double openInterest = Double.NaN;
  private double volume24h = Double.NaN;
  private double volumeUsd24h = Double.NaN;
  private double priceChange24h = Double.NaN;

  private TickerData() {}

  static TickerData read(JsonParser parser) throws IOException {
    TickerData ticker = new TickerData();
    JsonValues.readObject(parser, ticker::readField);
    return ticker;
  }

  private void readField(String field, JsonParser parser) throws IOException {
    switch (field) {
      case "instrument_name" -> instrument = JsonValues.text(parser);
      case "timestamp" -> timestamp = JsonValues.integer(parser);
      case "mark_price" -> markPrice = JsonValues.number(parser);
      case "index_price" -> indexPrice = JsonValues.number(parser);
      case "underlying_price" -> underlyingPrice = JsonValues.number(parser);
      case "best_bid_price" -> bestBidPrice = JsonValues.number(parser);
      case "best_bid_amount" -> bestBidAmount = JsonValues.number(parser);
      case "best_ask_price" -> bestAskPrice = JsonValues.number(parser);
      case "best_ask_amount" -> bestAskAmount = JsonValues.number(parser);
      case "mark_iv" -> markIv = JsonValues.number(parser);
      case "bid_iv" -> bidIv = JsonValues.number(parser);
      case "ask_iv" -> askIv = JsonValues.number(parser);
      case "funding_8h" -> funding8h = JsonValues.number(parser);
      case "current_funding" -> currentFunding = JsonValues.number(parser);
      case "open_interest" -> openInterest = JsonValues.number(parser);
      case "greeks" -> {
        // A repeated object replaces the earlier one whole, as with any repeated field.
        delta = gamma = vega = theta = rho = Double.NaN;
        JsonValues.readObject(parser, this::readGreek);
      }
      case "stats" -> {
        volume24h = volumeUsd24h = priceChange24h = Double.NaN;
        JsonValues.readObject(parser, this::readStat);
      }
      default -> parser.skipChildren();
    }
  }

  private void readGreek(String field, JsonParser parser) throws IOException {
    switch (field) {
      case "delta" -> delta = JsonValues.number(parser);
      case "gamma" -> gamma = JsonValues.number(parser);
      case "vega" -> vega = JsonValues.number(parser);
      case "theta" -> theta = JsonValues.number(parser);
      case "rho" -> rho = JsonValues.number(parser);
      default -> parser.skipChildren();
    }
  }

  private void readStat(String field, JsonParser parser) throws IOException {
    switch (field) {
      case "volume" -> volume24h = JsonValues.number(parser);
      case "volume_usd" -> volumeUsd24h = JsonValues.number(parser);
      case "price_change" -> priceChange24h = JsonValues.number(parser);
      default -> parser.skipChildren();
    }
  }

  @Override
  public void emit(long receivedNanos, Consumer<MarketEvent> out) throws MalformedMessageException {
    String name = Required.text(instrument, "instrument_name");
    out.accept(
        MarketEvent.of(
            new Ticker(
                name,
                Instruments.underlying(name),
                Instruments.kind(name),
                Required.timestamp(timestamp),
                markPrice,
                indexPrice,
                underlyingPrice,
                bestBidPrice,
                bestBidAmount,
                bestAskPrice,
                bestAskAmount,
                markIv,
                bidIv,
                askIv,
                delta,
                gamma,
                vega,
                theta,
                rho,
                funding8h,
                currentFunding,
                openInterest,
                volume24h,
                volumeUsd24h,
                priceChange24h,
                receivedNanos)));
  }
}
