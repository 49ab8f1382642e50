package io.gammastraddle.simulator;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Deribit-protocol exchange simulator on a real WebSocket server: JSON-RPC 2.0 at {@code
 * ws://host:port/ws/api/v2}, serving a {@link MarketSource} (the generated {@link SimulatedMarket}
 * or a mirror of Deribit's feed) and a paper exchange behind Deribit's private API.
 *
 * <pre>{@code
 * var market = new SimulatedMarket(42, System.currentTimeMillis());
 * try (var server = new SimulatorServer(market, new InetSocketAddress("127.0.0.1", 8765), 1.0)) {
 *   server.start();
 *   // clients connect to server.uri()
 * }
 * }</pre>
 *
 * <p>Public methods: {@code public/test}, {@code get_time}, {@code set_heartbeat} (at least {@link
 * ServerOptions#minimumHeartbeat()}; a test_request left unanswered for one interval closes the
 * connection, as on Deribit), {@code disable_heartbeat}, {@code get_instruments}, {@code
 * get_index_price}, {@code subscribe}, {@code unsubscribe}, {@code unsubscribe_all} and {@code
 * auth}. After {@code public/auth} the connection trades on the paper account named by its client
 * id: {@code private/subscribe} (user channels), cancel-on-disconnect, and the orders and queries
 * of the {@link io.gammastraddle.simulator.exchange.PaperExchange}. A {@code book} subscription
 * starts with a snapshot, then chained changes. Each connection is metered like Deribit's credits
 * (10028 beyond them; terminated if it keeps going). One thread steps the market and serves every
 * connection; the server owns the market once started. A client more than {@link
 * ServerOptions#sendQueueLimit()} frames behind is disconnected rather than slowing the others.
 *
 * <p>Tests make the server misbehave through {@link #faults()}: dropped or refused connections,
 * delayed, duplicated or reordered frames, skipped book change ids, stopped heartbeats, silence and
 * JSON-RPC errors, each counted. With nothing armed the normal path pays one field read per frame.
 */
public final class SimulatorServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
  private static final long START_TIMEOUT_SECONDS = 10;
  private static final int STOP_TIMEOUT_MILLIS = 2_000;

  private final InetSocketAddress bind;
  private final double speed;
  private final ExchangeLoop loop;
  private final Faults faults;
  private final Thread loopThread;
  private DeribitEndpoint endpoint;
  private boolean started;
  private boolean closed;

  /**
   * @param market the market to serve; the server steps it from its own thread once started
   * @param bind address and port to listen on (port 0 picks a free port)
   * @param speed simulated seconds per wall-clock second (1.0 = real time)
   */
  public SimulatorServer(SimulatedMarket market, InetSocketAddress bind, double speed) {
    this(market, bind, ServerOptions.defaults().withSpeed(speed));
  }

  /**
   * @param market the generated market or a mirror; the server steps it from its own thread once
   *     started
   * @param bind address and port to listen on (port 0 picks a free port)
   */
  public SimulatorServer(MarketSource market, InetSocketAddress bind, ServerOptions options) {
    this.bind = bind;
    this.speed = options.speed();
    this.loop = new ExchangeLoop(market, options);
    this.faults = new Faults(loop);
    this.loopThread = new Thread(loop, "gsb-simulator-market");
    loopThread.setDaemon(true);
  }

  /**
   * Binds the port and starts serving; returns once clients can connect.
   *
   * @throws BindException if the port is already in use (the message names it)
   * @throws IOException if the server cannot start for another reason
   */
  public synchronized void start() throws IOException {
    if (started || closed) {
      throw new IllegalStateException("a simulator server starts only once");
    }
    started = true;
    endpoint = new DeribitEndpoint(bindChannel(), loop);
    endpoint.start();
    try {
      endpoint.started().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException failed) {
      close();
      throw new IOException(
          "cannot start the simulator on " + hostAndPort() + ": " + failed.getCause(),
          failed.getCause());
    } catch (TimeoutException slow) {
      close();
      throw new IOException(
          "simulator did not start on "
              + hostAndPort()
              + " within "
              + START_TIMEOUT_SECONDS
              + " s");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      close();
      throw new IOException("interrupted while starting the simulator on " + hostAndPort());
    }
    loopThread.start();
    LOG.info("Deribit simulator listening on {} (speed {}x)", uri(), speed);
  }

  /** The bound port (the real one when constructed with port 0). */
  public synchronized int port() {
    return endpoint == null ? bind.getPort() : endpoint.getPort();
  }

  /** {@code ws://127.0.0.1:{port}/ws/api/v2}. */
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port() + DeribitEndpoint.PATH);
  }

  /**
   * Fault injection for tests: drop or refuse connections, delay, duplicate or reorder frames, skip
   * book change ids, stop heartbeats, silence the server, reject requests with errors. Nothing is
   * armed until a test asks; usable from any thread, before or after {@link #start()}.
   */
  public Faults faults() {
    return faults;
  }

  /** Closes every connection and stops the server's threads. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    loopThread.interrupt();
    try {
      if (endpoint != null) {
        endpoint.stop(STOP_TIMEOUT_MILLIS);
      }
      if (loopThread.isAlive()) {
        loopThread.join(STOP_TIMEOUT_MILLIS);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Open client sessions, as the exchange loop last counted them. */
  int sessionCount() {
    return loop.sessionCount();
  }

  private ServerSocketChannel bindChannel() throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.socket().setReuseAddress(true);
      channel.bind(bind);
      return channel;
    } catch (BindException inUse) {
      channel.close();
      BindException named =
          new BindException(
              "cannot start the simulator on "
                  + hostAndPort()
                  + ": port "
                  + bind.getPort()
                  + " is already in use");
      named.initCause(inUse);
      throw named;
    } catch (IOException | RuntimeException other) {
      channel.close();
      throw other;
    }
  }

  private String hostAndPort() {
    return bind.getHostString() + ":" + bind.getPort();
  }
}
