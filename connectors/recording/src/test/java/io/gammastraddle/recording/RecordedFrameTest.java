package io.gammastraddle.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedFrameTest {

  @Test
  void aMarketValueGivesBackTheFrameItCameFromByteForByte() {
    List<String> frames =
        Fixtures.files().stream()
            .flatMap(file -> Fixtures.lines(file).stream())
            .filter(frame -> frame.startsWith("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\""))
            .toList();
    assertThat(frames).hasSizeGreaterThan(20);
    long recvTs = 1_700_000_000_123_456_789L;
    for (String frame : frames) {
      SubscriptionParams params = Notifications.subscription(frame);
      RecordedFrame back = RecordedFrame.fromMarketValue(params.withReceiveTime(recvTs));
      assertThat(back.frame()).isEqualTo(frame);
      assertThat(back.recvTsNanos()).isEqualTo(recvTs);
    }
  }

  @Test
  void paramsWithNothingButTheReceiveTimeStayAnEmptyObject() {
    RecordedFrame back = RecordedFrame.fromMarketValue("{\"recv_ts\":5}");
    assertThat(back.frame())
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{}}");
    assertThat(back.recvTsNanos()).isEqualTo(5);
  }

  @Test
  void valuesNotInTheMarketFormatAreRefused() {
    for (String value :
        List.of("{\"channel\":\"x\",\"recv_ts\":5}", "{\"recv_ts\":}", "{\"recv_ts\":12", "[]")) {
      assertThatThrownBy(() -> RecordedFrame.fromMarketValue(value))
          .as(value)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not a deribit.market.raw value");
    }
  }
}
