package io.gammastraddle.cli;

import io.gammastraddle.gamma.strategy.ControlCommand;
import io.gammastraddle.gamma.strategy.ControlJson;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gsb kill-switch reset}: asks the running job's strategy to return an underlying from
 * REDUCING to ACTIVE, through {@code gsb.control}. The strategy refuses while the day's loss
 * exceeds its limit; either way it answers with a {@code kill-switch} alert ({@code gsb.alerts},
 * the {@code gsb:alerts} stream).
 */
@Command(
    name = "kill-switch",
    mixinStandardHelpOptions = true,
    description = "Reset the drawdown kill switch of an underlying (REDUCING -> ACTIVE).")
final class KillSwitchCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "reset", paramLabel = "ACTION")
  String action;

  @Option(names = "--underlying", required = true, description = "BTC or ETH.")
  String underlying;

  @Option(names = "--why", required = true, description = "The reason, kept in the alert.")
  String why;

  @Option(names = "--operator", description = "Who asks (default: the user name).")
  String operator = System.getProperty("user.name");

  @Option(
      names = "--bootstrap",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrap = "localhost:9092";

  @Option(names = "--topic", description = "Control topic (default: ${DEFAULT-VALUE}).")
  String topic = "gsb.control";

  @Override
  public Integer call() throws Exception {
    if (!action.equals("reset")) {
      throw new IllegalArgumentException("unknown action '" + action + "'; known: reset");
    }
    ControlCommand command =
        new ControlCommand(
            underlying,
            ControlCommand.RESET_KILL_SWITCH,
            operator,
            why,
            System.currentTimeMillis());
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
      producer
          .send(new ProducerRecord<>(topic, underlying, ControlJson.write(command)))
          .get(40, TimeUnit.SECONDS);
      producer.flush();
    }
    System.out.println(
        "asked the strategy to reset the kill switch of "
            + underlying
            + "; its answer is a kill-switch alert in gsb.alerts and gsb:alerts");
    return 0;
  }
}
