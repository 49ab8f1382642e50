package io.gammastraddle.cli;

import io.gammastraddle.bridge.MarketDataBridge;
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
    MarketDataBridge.Config config =
        MarketDataBridge.Config.defaults(url, bootstrap)
            .withTopic(topic)
            .withCurrencies(currencies);
    try (StopSignal stop = StopSignal.install("gsb-ingest-stop");
        MarketDataBridge bridge = new MarketDataBridge(config)) {
      bridge.start();
      System.out.println("Bridging " + url + " to " + topic + " on " + bootstrap);
      bridge.stopped().whenComplete((done, failure) -> stop.request());
      stop.await();
      if (bridge.stopped().isCompletedExceptionally()) {
        bridge.stopped().join();
      }
    }
    return 0;
  }
}
