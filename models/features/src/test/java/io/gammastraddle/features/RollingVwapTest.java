package io.gammastraddle.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingVwapTest {

  private record Fill(long timestamp, double price, double amount) {}

  /**
   * A minute in 60 one-second buckets: the window ending at {@code time} holds the trades of the
   * second containing it and of the 59 before.
   */
  @Test
  void equalsBruteForceVwapAndVolumeOverTheSameBuckets() {
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
        assertThat(vwap.volume(time)).isCloseTo(volume, within(1e-9));
      }
    }
  }

  @Test
  void volumeIsZeroWithoutTradesInTheWindow() {
    RollingVwap vwap = new RollingVwap(60_000, 60);
    assertThat(vwap.volume(1_000_000)).isZero();

    vwap.add(1_000_000, 100, 3);
    vwap.add(1_000_500, 101, 4);
    assertThat(vwap.volume(1_000_999)).isEqualTo(7);
    assertThat(vwap.volume(1_059_999)).isEqualTo(7);
    assertThat(vwap.volume(1_060_000)).isZero();
  }

  @Test
  void aWindowThatIsNoWholeNumberOfBucketsIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new RollingVwap(60_000, 7));
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
    assertThat(vwap.volume(200_000)).isEqualTo(1);
  }
}
