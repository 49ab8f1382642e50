package io.gammastraddle.cli;

import io.gammastraddle.bridge.MarketDataBridge;
import io.gammastraddle.deribit.websocket.Credentials;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gsb ingest}: bridges Deribit (or the simulator) into Kafka. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Subscribes to Deribit market data and writes every notification to Kafka.")
final class IngestCommand implements Callable<Integer> {

  @Option(
      names = "--url",
      required = true,
      description = "Deribit WebSocket URL, e.g. wss://www.deribit.com/ws/api/v2 or the simulator.")
  URI url;

  @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(names = "--topic", description = "Kafka topic (default: ${DEFAULT-VALUE}).")
  String topic = MarketDataBridge.Config.DEFAULT_TOPIC;

  @Option(
      names = "--currencies",
      split = ",",
      description = "Currencies to follow (default: ${DEFAULT-VALUE}).")
  List<String> currencies = List.of("BTC", "ETH");

  @Override
  public Integer call() throws Exception {
    // with an API key in the environment the account's orders, trades and portfolio are bridged too
    Credentials credentials = Credentials.fromEnvironment().orElse(null);
    MarketDataBridge.Config config =
        MarketDataBridge.Config.defaults(url, bootstrap)
            .withTopic(topic)
            .withCurrencies(currencies)
            .withUserChannels(credentials);
    try (StopSignal stop = StopSignal.install("gsb-ingest-stop");
        MarketDataBridge bridge = new MarketDataBridge(config)) {
      bridge.start();
      System.out.println(
          "Bridging "
              + url
              + " to "
              + topic
              + (credentials == null ? "" : " and " + config.userTopic())
              + " on "
              + bootstrap);
      bridge.stopped().whenComplete((done, failure) -> stop.request());
      stop.await();
      System.out.println(bridge.status());
      if (bridge.stopped().isCompletedExceptionally()) {
        bridge.stopped().join();
      }
    }
    return 0;
  }
}
