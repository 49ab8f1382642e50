package io.gammastraddle.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.deribit.websocket.Notifications;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class MarketDataBridgeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode recordedInstruments(int line) throws Exception {
    return JSON.readTree(Fixtures.lines("rpc_public_get_instruments.json").get(line - 1))
        .get("result");
  }

  @Test
  void keepsOnlyThePerpetualAmongTheFutures() throws Exception {
    assertThat(MarketChannels.perpetuals(recordedInstruments(2))).containsExactly("BTC-PERPETUAL");
    assertThat(MarketChannels.perpetuals(recordedInstruments(3))).containsExactly("BTC-PERPETUAL");
  }

  @Test
  void keepsEveryActiveOption() throws Exception {
    JsonNode options =
        JSON.readTree(
            "[{\"kind\":\"option\",\"is_active\":true,\"instrument_name\":\"BTC-27DEC24-100000-C\"},"
                + "{\"kind\":\"option\",\"is_active\":false,\"instrument_name\":\"BTC-27DEC24-9-P\"},"
                + "{\"kind\":\"option\",\"is_active\":true,\"instrument_name\":\"BTC-27DEC24-9-C\"}]");

    assertThat(MarketChannels.activeInstruments(options))
        .containsExactly("BTC-27DEC24-100000-C", "BTC-27DEC24-9-C");
  }

  @Test
  void subscribesBookTickerAndTradesPerInstrumentAndTheIndexPerCurrency() {
    assertThat(MarketChannels.instrumentChannels("ETH-PERPETUAL", "100ms"))
        .containsExactly(
            "book.ETH-PERPETUAL.100ms", "ticker.ETH-PERPETUAL.100ms", "trades.ETH-PERPETUAL.100ms");
    assertThat(MarketChannels.indexChannel("ETH")).isEqualTo("deribit_price_index.eth_usd");
  }

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
    Properties properties = MarketDataBridge.producerProperties("localhost:1", "gsb-bridge");

    assertThat(properties)
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("compression.type", "lz4")
        .containsEntry("bootstrap.servers", "localhost:1");
    assertThat(List.of(properties.getProperty("key.serializer")))
        .containsExactly("org.apache.kafka.common.serialization.StringSerializer");
  }
}
