package io.gammastraddle.chain;

import static io.gammastraddle.chain.OptionMarket.FORWARD;
import static io.gammastraddle.chain.OptionMarket.NOW;
import static io.gammastraddle.chain.OptionMarket.priced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StraddlePickerTest {

  private static final long DAY = 86_400_000;

  /** 3JUN22 expires 22.6 h after NOW, 10JUN22 7.9 days after, 24JUN22 21.9 days after. */
  private static final StraddlePicker PICKER = new StraddlePicker(DAY);

  @Test
  void picksTheNearestExpiryAtLeastTheMinimumAway() {
    List<OptionQuote> chain =
        pairs(
            "BTC-24JUN22-30000",
            0,
            FORWARD,
            "BTC-3JUN22-30000",
            0,
            FORWARD,
            "BTC-10JUN22-30000",
            0,
            FORWARD);

    StraddlePicker.Legs legs = PICKER.pick(chain, NOW);

    assertThat(legs.call().instrument()).isEqualTo("BTC-10JUN22-30000-C");
    assertThat(legs.put().instrument()).isEqualTo("BTC-10JUN22-30000-P");
  }

  @Test
  void anExpiryExactlyTheMinimumAwayQualifies() {
    long expiry = priced("BTC-3JUN22-30000-C", 0, FORWARD).expiryMillis();
    List<OptionQuote> chain =
        pairs("BTC-3JUN22-30000", 0, FORWARD, "BTC-10JUN22-30000", 0, FORWARD);

    assertThat(new StraddlePicker(expiry - NOW).pick(chain, NOW).call().instrument())
        .isEqualTo("BTC-3JUN22-30000-C");
    assertThat(new StraddlePicker(expiry - NOW + 1).pick(chain, NOW).call().instrument())
        .isEqualTo("BTC-10JUN22-30000-C");
  }

  @Test
  void picksTheStrikeNearestTheForward() {
    List<OptionQuote> chain =
        pairs(
            "BTC-10JUN22-29000",
            0,
            30_220.5,
            "BTC-10JUN22-30000",
            0,
            30_220.5,
            "BTC-10JUN22-31000",
            0,
            30_220.5);

    assertThat(PICKER.pick(chain, NOW).call().strike()).isEqualTo(30_000);
  }

  @Test
  void aForwardHalfwayBetweenTwoStrikesPicksTheLowerWhateverTheOrder() {
    List<OptionQuote> chain = pairs("BTC-10JUN22-30000", 0, 30_500, "BTC-10JUN22-31000", 0, 30_500);

    for (List<OptionQuote> order : orders(chain)) {
      StraddlePicker.Legs legs = PICKER.pick(order, NOW);
      assertThat(legs.call().strike()).isEqualTo(30_000);
      assertThat(legs.put().strike()).isEqualTo(30_000);
    }
  }

  @Test
  void aStrikeWithOnlyOneLegPricedIsNotAStraddle() {
    List<OptionQuote> chain = new ArrayList<>(pairs("BTC-10JUN22-31000", 0, 30_220.5));
    chain.add(priced("BTC-10JUN22-30000-C", 0, 30_220.5));
    chain.add(OptionQuote.of("BTC-10JUN22-30000-P"));
    chain.add(priced("BTC-10JUN22-30500-P", 0, 30_220.5));

    StraddlePicker.Legs legs = PICKER.pick(chain, NOW);

    assertThat(legs.call().instrument()).isEqualTo("BTC-10JUN22-31000-C");
    assertThat(legs.put().instrument()).isEqualTo("BTC-10JUN22-31000-P");
  }

  @Test
  void theForwardIsTheTargetExpirysLatestTicker() {
    // 30000-P, a second newer, says 30600: nearer 31000 than 30000.
    List<OptionQuote> chain =
        new ArrayList<>(
            pairs("BTC-10JUN22-30000", 2_000, 30_400, "BTC-10JUN22-31000", 2_000, 30_400));
    chain.set(1, priced("BTC-10JUN22-30000-P", 1_000, 30_600));
    // A later ticker of another expiry does not set the target expiry's forward.
    chain.addAll(pairs("BTC-24JUN22-30000", 0, 30_000));

    assertThat(PICKER.pick(chain, NOW).call().instrument()).isEqualTo("BTC-10JUN22-31000-C");
  }

  @Test
  void tickersOfTheSameInstantTakeTheForwardOfTheFirstNameWhateverTheOrder() {
    List<OptionQuote> chain =
        new ArrayList<>(pairs("BTC-10JUN22-30000", 0, 30_600, "BTC-10JUN22-31000", 0, 30_600));
    // The alphabetically first name, 30000-C, says 30400: nearer 30000.
    chain.set(0, priced("BTC-10JUN22-30000-C", 0, 30_400));

    for (List<OptionQuote> order : orders(chain)) {
      assertThat(PICKER.pick(order, NOW).call().strike()).isEqualTo(30_000);
    }
  }

  @Test
  void givesNothingWithoutAPricedOptionAtLeastTheMinimumAway() {
    assertThat(PICKER.pick(List.of(), NOW)).isNull();
    assertThat(
            PICKER.pick(
                List.of(
                    OptionQuote.of("BTC-10JUN22-30000-C"), OptionQuote.of("BTC-10JUN22-30000-P")),
                NOW))
        .isNull();
    assertThat(PICKER.pick(pairs("BTC-3JUN22-30000", 0, FORWARD), NOW)).isNull();
  }

  @Test
  void refusesANegativeMinimum() {
    assertThatIllegalArgumentException().isThrownBy(() -> new StraddlePicker(-1));
  }

  /**
   * A priced call and put for each {@code (name prefix, age in ms, forward)} triple, in that order.
   */
  private static List<OptionQuote> pairs(Object... prefixAgeForward) {
    List<OptionQuote> chain = new ArrayList<>();
    for (int i = 0; i < prefixAgeForward.length; i += 3) {
      String prefix = (String) prefixAgeForward[i];
      long age = ((Number) prefixAgeForward[i + 1]).longValue();
      double forward = ((Number) prefixAgeForward[i + 2]).doubleValue();
      chain.add(priced(prefix + "-C", age, forward));
      chain.add(priced(prefix + "-P", age, forward));
    }
    return chain;
  }

  /** The chain as given, reversed and in a few shuffled orders. */
  private static List<List<OptionQuote>> orders(List<OptionQuote> chain) {
    List<List<OptionQuote>> orders = new ArrayList<>();
    orders.add(chain);
    List<OptionQuote> reversed = new ArrayList<>(chain);
    Collections.reverse(reversed);
    orders.add(reversed);
    Random random = new Random(3);
    for (int i = 0; i < 5; i++) {
      List<OptionQuote> shuffled = new ArrayList<>(chain);
      Collections.shuffle(shuffled, random);
      orders.add(shuffled);
    }
    return orders;
  }
}
