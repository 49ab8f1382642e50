package io.gammastraddle.positions;

/**
 * One position as the exchange reports it ({@code private/get_positions}: {@code instrument_name},
 * {@code size}, {@code average_price}).
 *
 * @param size signed; coin for options, USD for the perpetual
 * @param averagePrice the exchange's average entry price; ignored when the size is 0
 */
public record ExchangePosition(String instrument, double size, double averagePrice) {

  public ExchangePosition {
    ContractType.of(instrument);
    if (!Double.isFinite(size) || (size != 0 && !Fill.isPositiveFinite(averagePrice))) {
      throw new IllegalArgumentException(
          "need a finite size and, when open, a positive average price: "
              + instrument
              + " size="
              + size
              + " averagePrice="
              + averagePrice);
    }
  }
}
