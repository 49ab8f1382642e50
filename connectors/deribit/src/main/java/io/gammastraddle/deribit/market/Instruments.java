package io.gammastraddle.deribit.market;

import io.gammastraddle.market.InstrumentKind;
import java.util.Locale;

/** Reads what Deribit's instrument and index names say about the instrument. */
public final class Instruments {

  private Instruments() {}

  /**
   * {@code BTC-PERPETUAL} and {@code BTC_USDC-PERPETUAL} are perpetuals, {@code
   * BTC-27DEC24-100000-C} an option, anything else with a dated name a future.
   */
  public static InstrumentKind kind(String instrument) {
    if (instrument.endsWith("-PERPETUAL")) {
      return InstrumentKind.PERPETUAL;
    }
    String[] parts = instrument.split("-");
    if (parts.length == 4 && (parts[3].equals("C") || parts[3].equals("P"))) {
      return InstrumentKind.OPTION;
    }
    return InstrumentKind.FUTURE;
  }

  /** The base currency: {@code BTC} for {@code BTC-PERPETUAL}, {@code BTC_USDC-PERPETUAL}. */
  public static String underlying(String instrument) {
    int end = instrument.length();
    for (int i = 0; i < instrument.length(); i++) {
      char c = instrument.charAt(i);
      if (c == '-' || c == '_') {
        end = i;
        break;
      }
    }
    return instrument.substring(0, end);
  }

  /** The base currency of a price index: {@code BTC} for {@code btc_usd}. */
  public static String indexUnderlying(String index) {
    return underlying(index).toUpperCase(Locale.ROOT);
  }
}
