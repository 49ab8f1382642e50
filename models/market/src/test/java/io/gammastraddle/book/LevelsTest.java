package io.gammastraddle.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LevelsTest {

  @Test
  void matchesASortedMapUnderRandomUpdates() {
    Random random = new Random(7);
    TreeMap<Double, Double> expected = new TreeMap<>(java.util.Comparator.reverseOrder());
    Levels bids = Levels.EMPTY;
    for (int round = 0; round < 2_000; round++) {
      int n = random.nextInt(6);
      double[] prices = new double[n];
      double[] amounts = new double[n];
      for (int i = 0; i < n; i++) {
        prices[i] = 100 + random.nextInt(40) * 0.5;
        amounts[i] = random.nextInt(4) == 0 ? 0 : 10 * (1 + random.nextInt(50));
        if (amounts[i] == 0) {
          expected.remove(prices[i]);
        } else {
          expected.put(prices[i], amounts[i]);
        }
      }
      bids = bids.apply(prices, amounts, true);
    }

    double[] expectedPrices = expected.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    double[] expectedAmounts =
        expected.values().stream().mapToDouble(Double::doubleValue).toArray();
    assertThat(bids.prices()).containsExactly(expectedPrices);
    assertThat(bids.amounts()).containsExactly(expectedAmounts);
    assertThat(expected).isNotEmpty();
    assertThat(Map.copyOf(expected)).hasSize(bids.size());
  }
}
