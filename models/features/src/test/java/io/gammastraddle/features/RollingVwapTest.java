package io.gammastraddle.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingVwapTest {

  private record Fill(long timestamp, double price, double amount) {}

  @Test
  void equalsBruteForceVwapOverTheSameBuckets() {
    Random random = new Random(11);
    RollingVwap vwap = new RollingVwap(60_000, 60);
    List<Fill> fills = new ArrayList<>();
    long time = 1_700_000_000_000L;
    for (int i = 0; i < 5_000; i++) {
      time += random.nextInt(200);
      Fill fill = new Fill(time, 30_000 + random.nextGaussian() * 50, 10 + random.nextInt(1000));
      fills.add(fill);
      vwap.add(fill.timestamp(), fill.price(), fill.amount());

      if (i % 97 == 0) {
        long from = (time / 1000 - 59) * 1000;
        double notional = 0;
        double volume = 0;
        for (Fill f : fills) {
          if (f.timestamp() >= from && f.timestamp() <= time) {
            notional += f.price() * f.amount();
            volume += f.amount();
          }
        }
        assertThat(vwap.vwap(time)).isCloseTo(notional / volume, within(1e-6));
      }
    }
  }

  @Test
  void isUndefinedWithoutTradesInTheWindow() {
    RollingVwap vwap = new RollingVwap(60_000, 60);
    assertThat(vwap.vwap(1_000_000)).isNaN();

    vwap.add(1_000_000, 100, 1);
    assertThat(vwap.vwap(1_000_000)).isEqualTo(100);
    assertThat(vwap.vwap(1_000_000 + 61_000)).isNaN();
  }

  @Test
  void ignoresTradesOlderThanTheWindow() {
    RollingVwap vwap = new RollingVwap(60_000, 60);
    vwap.add(200_000, 100, 1);
    vwap.add(100_000, 500, 1);

    assertThat(vwap.vwap(200_000)).isEqualTo(100);
  }
}
