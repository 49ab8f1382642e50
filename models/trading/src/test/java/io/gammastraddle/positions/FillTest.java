package io.gammastraddle.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.orders.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FillTest {

  @Test
  void takesDeribitsOwnUserTradeExample() {
    // docs.deribit.com, user.trades.(instrument_name).(interval): trade 48079254, a sell of 20 USD
    // of BTC-PERPETUAL at 8954 paying 0.00000168 BTC (0.075% of 20 / 8954 BTC, the fee then)
    Fill fill =
        new Fill(
            "BTC-PERPETUAL",
            Side.SELL,
            20,
            8954,
            0.00000168,
            8956.73,
            1590484156350L,
            null,
            "48079254");

    assertThat(fill.contractType()).isEqualTo(ContractType.INVERSE_PERPETUAL);
    assertThat(fill.signedAmount()).isEqualTo(-20);
    assertThat(fill.label()).isEmpty();
  }

  @Test
  void knowsOptionsFromTheirNames() {
    Fill fill =
        new Fill("ETH-27JUN25-3000-P", Side.BUY, 1, 0.05, 0.0003, 3_000, 0, "gsb-ETH-1-put", "E1");

    assertThat(fill.contractType()).isEqualTo(ContractType.OPTION);
    assertThat(fill.signedAmount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BTC_USDC-PERPETUAL",
        "-PERPETUAL",
        "BTC-27JUN25",
        "BTC-27JUN25-60000",
        "XRP_USDC-27JUN25-2d2-C"
      })
  void refusesInstrumentsWithOtherRules(String instrument) {
    assertThatThrownBy(() -> new Fill(instrument, Side.BUY, 10, 1, 0, 1, 0, "", "T1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(instrument);
  }

  @Test
  void refusesImpossibleNumbers() {
    String perpetual = "BTC-PERPETUAL";
    assertThatThrownBy(() -> new Fill(perpetual, Side.BUY, 0, 50_000, 0, 50_000, 0, "", "T"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount=0");
    assertThatThrownBy(() -> new Fill(perpetual, Side.BUY, 10, Double.NaN, 0, 50_000, 0, "", "T"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fill(perpetual, Side.BUY, 10, 50_000, 0, -1, 0, "", "T"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Fill(perpetual, Side.BUY, 10, 50_000, Double.NaN, 50_000, 0, "", "T"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fill(perpetual, null, 10, 50_000, 0, 50_000, 0, "", "T"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Fill(perpetual, Side.BUY, 10, 50_000, 0, 50_000, 0, "", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trade id");
  }

  @Test
  void acceptsAMakerRebate() {
    Fill fill = new Fill("BTC-PERPETUAL", Side.BUY, 10, 50_000, -0.0000001, 50_000, 0, "", "T");

    assertThat(fill.fee()).isNegative();
  }
}
