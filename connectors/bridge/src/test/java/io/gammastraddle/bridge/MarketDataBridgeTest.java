package io.gammastraddle.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.deribit.websocket.Notifications;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class MarketDataBridgeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keysRecordsByInstrumentOrIndexAndPrefixesTheVerbatimParamsWithRecvTs() throws Exception {
    String book = Fixtures.lines("ws_book_100ms.json").get(7);
    String index = Fixtures.lines("ws_deribit_price_index.json").get(0);

    ProducerRecord<String, String> bookRecord =
        MarketDataBridge.record("t", Notifications.subscription(book), 1_700_000_000_000_000_001L);
    ProducerRecord<String, String> indexRecord =
        MarketDataBridge.record("t", Notifications.subscription(index), 5);

    assertThat(bookRecord.topic()).isEqualTo("t");
    assertThat(bookRecord.key()).isEqualTo("BTC-PERPETUAL");
    assertThat(bookRecord.value())
        .startsWith("{\"recv_ts\":1700000000000000001,\"channel\":\"book.BTC-PERPETUAL.100ms\",")
        .contains("1.0002e6");
    assertThat(indexRecord.key()).isEqualTo("btc_usd");
    assertThat(indexRecord.value())
        .isEqualTo(
            "{\"recv_ts\":5,\"channel\":\"deribit_price_index.btc_usd\",\"data\":"
                + "{\"timestamp\":1535098298227,\"price\":6521.17,\"index_name\":\"btc_usd\"}}");
  }

  @Test
  void producesIdempotentlyWithAllAcksAndLz4() {
    Properties properties = MarketDataBridge.producerProperties("localhost:1", "gsb-bridge", 0);

    assertThat(properties)
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("compression.type", "lz4")
        .containsEntry("bootstrap.servers", "localhost:1")
        .containsEntry("linger.ms", 0);
    assertThat(List.of(properties.getProperty("key.serializer")))
        .containsExactly("org.apache.kafka.common.serialization.StringSerializer");
  }
}
