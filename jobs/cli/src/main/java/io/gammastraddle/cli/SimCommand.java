package io.gammastraddle.cli;

import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gsb sim}: the Deribit-protocol simulator alone. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Runs the Deribit-protocol exchange simulator at ws://HOST:PORT/ws/api/v2.")
final class SimCommand implements Callable<Integer> {

  @Option(names = "--port", description = "WebSocket port (default: ${DEFAULT-VALUE}).")
  int port = 8765;

  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--seed", description = "Market seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--speed",
      description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}).")
  double speed = 1.0;

  @Override
  public Integer call() throws Exception {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("--speed must be positive, got " + speed);
    }
    SimulatedMarket market = new SimulatedMarket(seed, System.currentTimeMillis());
    try (SimulatorServer server =
        new SimulatorServer(market, new InetSocketAddress(host, port), speed)) {
      server.start();
      System.out.println("Deribit simulator on " + server.uri() + " (seed " + seed + ")");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "gsb-sim-stop"));
      stopped.await();
    }
    return 0;
  }
}
