package io.gammastraddle.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which market-data channels to follow: for each currency its perpetual and, optionally, its active
 * options (from {@code public/get_instruments}), each with its book, ticker and trades channel,
 * plus the currency's price index. Shared by the bridge and the recorder, so both follow the same
 * market.
 */
public final class MarketChannels {

  private static final Logger LOG = LoggerFactory.getLogger(MarketChannels.class);

  private MarketChannels() {}

  /** Asks the exchange for the instruments and returns their channels, in a stable order. */
  public static List<String> discover(
      ResilientConnection connection, List<String> currencies, String interval, boolean options)
      throws IOException, TimeoutException, InterruptedException {
    List<String> channels = new ArrayList<>();
    for (String currency : currencies) {
      List<String> instruments =
          new ArrayList<>(
              perpetuals(
                  ResilientConnection.await(
                      connection.call("public/get_instruments", query(currency, "future")))));
      if (options) {
        instruments.addAll(
            activeInstruments(
                ResilientConnection.await(
                    connection.call("public/get_instruments", query(currency, "option")))));
      }
      LOG.info("{} instruments to follow: {}", currency, instruments.size());
      for (String instrument : instruments) {
        channels.addAll(instrumentChannels(instrument, interval));
      }
      channels.add(indexChannel(currency));
    }
    return channels;
  }

  static List<String> instrumentChannels(String instrument, String interval) {
    return List.of(
        "book." + instrument + "." + interval,
        "ticker." + instrument + "." + interval,
        "trades." + instrument + "." + interval);
  }

  static String indexChannel(String currency) {
    return "deribit_price_index." + currency.toLowerCase(Locale.ROOT) + "_usd";
  }

  /** The perpetuals in a {@code public/get_instruments} result. */
  static List<String> perpetuals(JsonNode instruments) {
    List<String> names = new ArrayList<>();
    for (JsonNode instrument : instruments) {
      if ("perpetual".equals(instrument.path("settlement_period").asText())
          && instrument.path("is_active").asBoolean(true)) {
        names.add(instrument.get("instrument_name").asText());
      }
    }
    return names;
  }

  /** The active instruments in a {@code public/get_instruments} result. */
  static List<String> activeInstruments(JsonNode instruments) {
    List<String> names = new ArrayList<>();
    for (JsonNode instrument : instruments) {
      if (instrument.path("is_active").asBoolean(true)) {
        names.add(instrument.get("instrument_name").asText());
      }
    }
    return names;
  }

  private static Map<String, String> query(String currency, String kind) {
    return Map.of("currency", currency, "kind", kind);
  }
}
