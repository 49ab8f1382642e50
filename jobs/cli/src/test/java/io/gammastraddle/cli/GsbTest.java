package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GsbTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Gsb.commandLine();
    commandLine.setErr(new PrintWriter(err));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    return commandLine.execute(args);
  }

  @Test
  void helpSucceeds() {
    assertThat(run("--help")).isZero();
    assertThat(run("demo", "--help")).isZero();
  }

  @Test
  void badUsageExitsWithTwo() {
    assertThat(run("no-such-command")).isEqualTo(Gsb.BAD_USAGE);
    assertThat(run("demo", "--duration", "0")).isEqualTo(Gsb.BAD_USAGE);
    assertThat(err.toString()).contains("gsb: --duration must be positive, got 0");
    assertThat(run("demo", "--market", "nasdaq")).isEqualTo(Gsb.BAD_USAGE);
    assertThat(err.toString()).contains("gsb: --market must be sim or deribit, got nasdaq");
    assertThat(run("record", "--out", "unused")).isEqualTo(Gsb.BAD_USAGE);
    assertThat(err.toString()).contains("gsb: give exactly one of --url and --from-kafka");
  }

  @Test
  void aBacktestNeedsExactlyOneMarket() {
    assertThat(run("backtest", "--out", "unused")).isEqualTo(Gsb.BAD_USAGE);
    assertThat(run("backtest", "rec", "--simulate", "PT1M", "--out", "unused"))
        .isEqualTo(Gsb.BAD_USAGE);
    assertThat(run("backtest", "--simulate", "PT0S", "--out", "unused")).isEqualTo(Gsb.BAD_USAGE);
    assertThat(run("backtest", "no-such-recording", "--out", "unused")).isEqualTo(Gsb.BAD_USAGE);

    assertThat(err.toString())
        .contains("gsb: Give a recording PATH or --simulate DURATION, not both")
        .contains("gsb: --simulate must be positive, got PT0S")
        .contains("gsb: No recording at no-such-recording");
  }

  @Test
  void aTakenPortIsAOneLineErrorNamingItBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      int exit = run("demo", "--duration", "1", "--kafka-port", String.valueOf(port));

      assertThat(exit).isEqualTo(Gsb.BAD_USAGE);
      assertThat(err.toString().strip())
          .isEqualTo("gsb: Kafka port " + port + " is already in use");
    }
  }

  @Test
  void aMirrorRunsInRealTimeOnItsOwnMarket() {
    assertThat(run("sim", "--mirror", "--speed", "2")).isEqualTo(Gsb.BAD_USAGE);
    assertThat(run("sim", "--mirror", "--seed", "7")).isEqualTo(Gsb.BAD_USAGE);

    assertThat(err.toString())
        .contains("gsb: --mirror runs in real time (--speed 1), got 2.0")
        .contains("gsb: --seed does not apply to --mirror");
  }

  @Test
  void theChainOptionsNeedTheMirror() {
    assertThat(run("sim", "--max-expiries", "1")).isEqualTo(Gsb.BAD_USAGE);

    assertThat(err.toString().strip()).isEqualTo("gsb: --max-expiries applies only with --mirror");
  }

  @Test
  void anUnreachableUpstreamIsAOneLineRuntimeFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }

    int exit = run("sim", "--mirror", "ws://127.0.0.1:" + closedPort + "/ws/api/v2", "--port", "0");

    assertThat(exit).isEqualTo(Gsb.RUNTIME_FAILURE);
    assertThat(err.toString().strip()).startsWith("gsb: ").doesNotContain("\n");
  }
}
