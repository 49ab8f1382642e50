package io.gammastraddle.gamma.decode;

import io.gammastraddle.market.MarketEvent;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time for market data: Deribit's timestamps, bounded out-of-orderness, idle partitions. */
public final class MarketWatermarks {

  private MarketWatermarks() {}

  /**
   * Dead letters have no event time; they keep {@code Long.MIN_VALUE}, which never advances a
   * watermark, so a bad record cannot move event time.
   */
  public static WatermarkStrategy<MarketEvent> strategy(
      Duration maxOutOfOrderness, Duration idleness) {
    return WatermarkStrategy.<MarketEvent>forBoundedOutOfOrderness(maxOutOfOrderness)
        .withTimestampAssigner((event, kafkaTimestamp) -> event.timestamp())
        .withIdleness(idleness);
  }
}
