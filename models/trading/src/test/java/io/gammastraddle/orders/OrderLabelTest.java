package io.gammastraddle.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderLabelTest {

  @Test
  void formatsTheDesignGrammarWithTheChildAfterTheLegCode() {
    assertThat(new OrderLabel("BTC", 1042, Leg.CALL, 0).format()).isEqualTo("gsb-BTC-1042-c0");
    assertThat(new OrderLabel("ETH", 7, Leg.UNWIND_CALL, 2).format()).isEqualTo("gsb-ETH-7-uc2");
    assertThat(new OrderLabel("BTC", 0, Leg.HEDGE, 13).toString()).isEqualTo("gsb-BTC-0-h13");
  }

  @Test
  void parseInvertsFormatForEveryLegAndExtremeNumbers() {
    for (Leg leg : Leg.values()) {
      for (long seq : new long[] {0, 1, 90, Long.MAX_VALUE}) {
        for (int child : new int[] {0, 7, 10, Integer.MAX_VALUE}) {
          OrderLabel label = new OrderLabel("BTC", seq, leg, child);
          assertThat(OrderLabel.parse(label.format())).isEqualTo(label);
        }
      }
    }
  }

  @Test
  void theLongestLabelFitsDeribitsLimit() {
    OrderLabel longest =
        new OrderLabel("ABCDEFGHIJKLMNOP", Long.MAX_VALUE, Leg.UNWIND_CALL, Integer.MAX_VALUE);
    // "gsb-" 4 + underlying 16 + "-" 1 + 19 digits + "-" 1 + "uc" 2 + 10 digits = 53
    assertThat(longest.format()).hasSize(53);
    assertThat(longest.format().length()).isLessThanOrEqualTo(OrderLabel.MAX_LENGTH);
  }

  @Test
  void childrenShareTheLegButNotTheLabel() {
    OrderLabel first = OrderLabel.first("BTC", 5, Leg.PUT);
    OrderLabel third = first.withChild(2);
    assertThat(third.format()).isEqualTo("gsb-BTC-5-p2");
    assertThat(first.sameLegAs(third)).isTrue();
    assertThat(first.sameLegAs(first.forLeg(Leg.CALL))).isFalse();
    assertThat(first.sameLegAs(new OrderLabel("BTC", 6, Leg.PUT, 0))).isFalse();
  }

  @Test
  void refusesLabelsOutsideTheGrammarWithTheReason() {
    assertThatThrownBy(() -> OrderLabel.parse("fm000100000001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not read gsb-");
    assertThatThrownBy(() -> OrderLabel.parse("gsb-btc-1-c0"))
        .hasMessageContaining("does not read gsb-");
    assertThatThrownBy(() -> OrderLabel.parse("gsb-BTC-01-c0"))
        .hasMessageContaining("does not read gsb-");
    assertThatThrownBy(() -> OrderLabel.parse("gsb-BTC-1-c")).hasMessageContaining("does not read");
    assertThatThrownBy(() -> OrderLabel.parse("gsb-BTC-1-c00")).hasMessageContaining("does not");
    assertThatThrownBy(() -> OrderLabel.parse("gsb-BTC-1-zz0"))
        .hasMessageContaining("no leg with code 'zz'");
    assertThatThrownBy(() -> OrderLabel.parse("gsb-BTC-9223372036854775808-c0"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> OrderLabel.parse("gsb-BTC-1-c2147483648"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> OrderLabel.parse(null)).hasMessageContaining("null");
    assertThatThrownBy(() -> OrderLabel.parse("gsb-BTC-1-c" + "1".repeat(60)))
        .hasMessageContaining("more than 64");
  }

  @Test
  void refusesPartsThatCouldNotBeReadBack() {
    assertThatThrownBy(() -> new OrderLabel("BTC-USD", 1, Leg.CALL, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Underlying");
    assertThatThrownBy(() -> new OrderLabel("BTC", -1, Leg.CALL, 0))
        .hasMessageContaining("sequence");
    assertThatThrownBy(() -> new OrderLabel("BTC", 1, Leg.CALL, -1)).hasMessageContaining("Child");
  }

  @Test
  void onlyEntryLegsHaveAnUnwind() {
    assertThat(Leg.CALL.unwind()).isEqualTo(Leg.UNWIND_CALL);
    assertThat(Leg.PUT.unwind()).isEqualTo(Leg.UNWIND_PUT);
    assertThatThrownBy(Leg.HEDGE::unwind).isInstanceOf(IllegalArgumentException.class);
  }
}
