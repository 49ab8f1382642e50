package io.gammastraddle.gamma.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.gamma.strategy.StrategyInput;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.positions.ExchangePosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class UserRecordDeserializerTest {

  private final UserRecordDeserializer deserializer = new UserRecordDeserializer();

  private List<StrategyInput> deserialize(String value) {
    List<StrategyInput> inputs = new ArrayList<>();
    deserializer.deserialize(
        new ConsumerRecord<>(
            "deribit.user.raw", 0, 41, null, value.getBytes(StandardCharsets.UTF_8)),
        new Collector<>() {
          @Override
          public void collect(StrategyInput input) {
            inputs.add(input);
          }

          @Override
          public void close() {}
        });
    return inputs;
  }

  @Test
  void anOrderReportIsKeyedByTheCurrencyOfItsInstrument() {
    List<StrategyInput> inputs =
        deserialize(
            """
            {"channel":"user.orders.any.ETH.raw","recv_ts":1700000000000000000,
             "data":{"order_id":"ETH-1","instrument_name":"ETH-PERPETUAL","label":"gsb-ETH-3-h0",
             "order_state":"filled","filled_amount":40,"last_update_timestamp":1700000000000}}
            """);

    assertThat(inputs).hasSize(1);
    assertThat(inputs.get(0).underlying()).isEqualTo("ETH");
    assertThat(inputs.get(0).user().order().status()).isEqualTo(OrderStatus.FILLED);
    assertThat(inputs.get(0).deadLetter()).isNull();
  }

  @Test
  void theExchangesPositionsAreKeyedByTheirCurrency() {
    List<StrategyInput> inputs =
        deserialize(
            """
            {"recv_ts":1700000000000000000,"channel":"gsb.positions.ETH",
             "data":[{"instrument_name":"ETH-PERPETUAL","direction":"sell","size":-40,
             "average_price":2000.5}]}
            """);

    assertThat(inputs).hasSize(1);
    assertThat(inputs.get(0).underlying()).isEqualTo("ETH");
    assertThat(inputs.get(0).user().positions().positions())
        .containsExactly(new ExchangePosition("ETH-PERPETUAL", -40, 2000.5));
  }

  @Test
  void anUndecodableRecordBecomesADeadLetterWithItsOffsetAndReason() {
    List<StrategyInput> inputs = deserialize("{\"channel\":\"user.orders.any.BTC.raw\"}");

    assertThat(inputs).hasSize(1);
    assertThat(inputs.get(0).user()).isNull();
    assertThat(inputs.get(0).deadLetter().offset()).isEqualTo(41);
    assertThat(inputs.get(0).deadLetter().reason()).contains("no data");
  }
}
