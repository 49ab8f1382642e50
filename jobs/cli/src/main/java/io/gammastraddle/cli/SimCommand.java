package io.gammastraddle.cli;

import io.gammastraddle.deribit.chain.ChainSelection;
import io.gammastraddle.simulator.MarketSource;
import io.gammastraddle.simulator.MirrorMarket;
import io.gammastraddle.simulator.ServerOptions;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code gsb sim}: the Deribit-protocol simulator alone, on a generated market or ({@code
 * --mirror}) on Deribit's real public feed, with the paper exchange either way.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Runs the Deribit-protocol exchange simulator at ws://HOST:PORT/ws/api/v2.")
final class SimCommand implements Callable<Integer> {

  private static final List<String> MIRROR_ONLY =
      List.of("--currencies", "--max-expiries", "--moneyness");

  @Spec CommandSpec spec;

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

  @Option(
      names = "--mirror",
      arity = "0..1",
      paramLabel = "URL",
      fallbackValue = MirrorMarket.DERIBIT_URL,
      description =
          "Mirror a Deribit market-data feed instead of generating one (public channels, no"
              + " account): paper trading on real prices. URL default: ${FALLBACK-VALUE}.")
  URI mirror;

  @Option(
      names = "--currencies",
      split = ",",
      description = "With --mirror: currencies to follow (default: ${DEFAULT-VALUE}).")
  List<String> currencies = List.of("BTC", "ETH");

  @Option(
      names = "--max-expiries",
      description =
          "With --mirror: option expiries to follow, nearest first (default: ${DEFAULT-VALUE}).")
  int maxExpiries = ChainSelection.defaults().maxExpiries();

  @Option(
      names = "--moneyness",
      description =
          "With --mirror: largest |strike / index - 1| of a followed option (default: ${DEFAULT-VALUE}).")
  double moneyness = ChainSelection.defaults().moneynessWindow();

  @Override
  public Integer call() throws Exception {
    checkOptions();
    // the signal's exit waits until everything below is closed, the upstream connection included
    try (StopSignal stop = StopSignal.install("gsb-sim-stop")) {
      if (mirror == null) {
        serve(new SimulatedMarket(seed, System.currentTimeMillis()), "seed " + seed, stop);
        return 0;
      }
      ChainSelection chain =
          ChainSelection.defaults().withMaxExpiries(maxExpiries).withMoneynessWindow(moneyness);
      try (MirrorMarket market = MirrorMarket.open(mirror, currencies, chain)) {
        int instruments = market.instrumentDefinitions("any", null).size();
        serve(market, "mirroring " + instruments + " instruments of " + mirror, stop);
      }
    }
    return 0;
  }

  private void checkOptions() {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (mirror == null) {
      for (String option : MIRROR_ONLY) {
        if (parsed.hasMatchedOption(option)) {
          throw new IllegalArgumentException(option + " applies only with --mirror");
        }
      }
      if (!(speed > 0)) {
        throw new IllegalArgumentException("--speed must be positive, got " + speed);
      }
      return;
    }
    if (parsed.hasMatchedOption("--seed")) {
      throw new IllegalArgumentException("--seed does not apply to --mirror: its market is real");
    }
    if (speed != 1.0) {
      throw new IllegalArgumentException("--mirror runs in real time (--speed 1), got " + speed);
    }
  }

  /** Serves {@code market} until Ctrl-C, then closes the server. */
  private void serve(MarketSource market, String what, StopSignal stop) throws Exception {
    ServerOptions options = ServerOptions.defaults().withSpeed(speed);
    try (SimulatorServer server =
        new SimulatorServer(market, new InetSocketAddress(host, port), options)) {
      server.start();
      System.out.println("Deribit simulator on " + server.uri() + " (" + what + ")");
      stop.await();
    }
  }
}
