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
    // BTC-27DEC24-100000-C: four parts, the last C or P.
    int end = endWithoutTrailing(instrument, '-');
    boolean callOrPut =
        end >= 2
            && instrument.charAt(end - 2) == '-'
            && (instrument.charAt(end - 1) == 'C' || instrument.charAt(end - 1) == 'P');
    return callOrPut && parts(instrument, '-') == 4 ? InstrumentKind.OPTION : InstrumentKind.FUTURE;
  }

  /**
   * How many {@code separator}-delimited parts a Deribit name has; trailing separators end no part.
   * Counted in place, since names are read for every market event.
   */
  static int parts(String name, char separator) {
    int end = endWithoutTrailing(name, separator);
    int parts = end > 0 ? 1 : 0;
    for (int i = 0; i < end; i++) {
      if (name.charAt(i) == separator) {
        parts++;
      }
    }
    return parts;
  }

  private static int endWithoutTrailing(String name, char separator) {
    int end = name.length();
    while (end > 0 && name.charAt(end - 1) == separator) {
      end--;
    }
    return end;
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
