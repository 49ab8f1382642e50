package io.gammastraddle.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionContractTest {

  @Test
  void parsesADeribitOptionNameWithExpiryAt0800Utc() {
    OptionContract contract = OptionContract.parse("BTC-30SEP22-60000-C");

    assertThat(contract.type()).isEqualTo(OptionType.CALL);
    assertThat(contract.strike()).isEqualTo(60_000);
    assertThat(Instant.ofEpochMilli(contract.expiryMillis()))
        .isEqualTo(Instant.parse("2022-09-30T08:00:00Z"));
  }

  @Test
  void parsesSingleDigitDaysPutsAndDecimalStrikes() {
    OptionContract put = OptionContract.parse("ETH-5JAN24-2250-P");
    OptionContract decimal = OptionContract.parse("XRP_USDC-27JUN25-2d2-C");

    assertThat(put.type()).isEqualTo(OptionType.PUT);
    assertThat(Instant.ofEpochMilli(put.expiryMillis()))
        .isEqualTo(Instant.parse("2024-01-05T08:00:00Z"));
    assertThat(decimal.strike()).isEqualTo(2.2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BTC-PERPETUAL",
        "BTC-30SEP22",
        "BTC-30SEP22-60000-X",
        "BTC-31FEB22-60000-C",
        "BTC-30SEP22-abc-C",
        "BTC-30SEP22-0-C"
      })
  void rejectsNamesThatAreNotOptions(String name) {
    assertThatThrownBy(() -> OptionContract.parse(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @Test
  void yearsAreDaysOver365() {
    OptionContract contract = OptionContract.parse("BTC-30SEP22-60000-C");
    long tenDaysBefore = contract.expiryMillis() - 10 * 86_400_000L;

    assertThat(contract.yearsToExpiry(tenDaysBefore)).isCloseTo(10 / 365.0, within(1e-15));
    assertThat(contract.yearsToExpiry(contract.expiryMillis() + 86_400_000L))
        .isCloseTo(-1 / 365.0, within(1e-15));
  }
}
