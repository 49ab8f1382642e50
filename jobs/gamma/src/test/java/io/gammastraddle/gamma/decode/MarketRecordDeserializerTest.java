package io.gammastraddle.gamma.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.MarketEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class MarketRecordDeserializerTest {

  private final MarketRecordDeserializer deserializer = new MarketRecordDeserializer();

  private List<MarketEvent> deserialize(String value) {
    List<MarketEvent> events = new ArrayList<>();
    byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    deserializer.deserialize(
        new ConsumerRecord<>("deribit.market.raw", 2, 77, null, bytes),
        new Collector<>() {
          @Override
          public void collect(MarketEvent event) {
            events.add(event);
          }

          @Override
          public void close() {}
        });
    return events;
  }

  @Test
  void decodesEveryTradeOfANotification() {
    String value = Fixtures.marketValue(Fixtures.lines("ws_trades.json").get(4), 1);

    List<MarketEvent> events = deserialize(value);

    assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.trade()).isNotNull());
  }

  @Test
  void turnsBadInputIntoADeadLetterWithWhereItCameFromAndWhy() {
    List<MarketEvent> events = deserialize("{\"channel\":\"quote.BTC-PERPETUAL\",\"data\":{}}");

    assertThat(events).hasSize(1);
    DeadLetter letter = events.get(0).deadLetter();
    assertThat(letter)
        .isEqualTo(
            new DeadLetter(
                "deribit.market.raw",
                2,
                77,
                "unsupported channel quote.BTC-PERPETUAL",
                "{\"channel\":\"quote.BTC-PERPETUAL\",\"data\":{}}"));
    assertThat(events.get(0).timestamp()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void turnsAnEmptyRecordIntoADeadLetter() {
    assertThat(deserialize(null).get(0).deadLetter().reason()).isEqualTo("empty value");
  }
}
