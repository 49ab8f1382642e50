package io.gammastraddle.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gammastraddle.embedded.PortInUseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webjars.WebJarVersionLocator;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The demo's live page: a small HTTP server on the loopback interface that serves a page (HTML,
 * CSS, JavaScript and the uPlot chart library, all from this jar, so it works offline) and {@code
 * GET /api/snapshot}, the live cache in Redis as JSON ({@link LiveSnapshot}), which the page polls
 * every second and draws.
 *
 * <pre>{@code
 * try (LivePage page = LivePage.start(8090, "127.0.0.1", 6379, List.of("BTC", "ETH"))) {
 *   System.out.println("Live page " + page.uri());
 * }
 * }</pre>
 *
 * <p>The page builds every element from the snapshot with {@code textContent}, never parsing it as
 * HTML (alerts carry free text), and the server sends a Content-Security-Policy that allows only
 * its own scripts.
 */
public final class LivePage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LivePage.class);
  private static final String SNAPSHOT_PATH = "/api/snapshot";
  private static final String SECURITY_POLICY =
      "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  /** A file the page needs, read once at start so a missing one fails the start, not a request. */
  private record StaticFile(String contentType, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final AutoCloseable source;
  private final Map<String, StaticFile> files;
  private final Supplier<LiveSnapshot> snapshots;
  private final ObjectMapper json = new ObjectMapper();

  private LivePage(
      HttpServer server,
      ExecutorService executor,
      Map<String, StaticFile> files,
      Supplier<LiveSnapshot> snapshots,
      AutoCloseable source) {
    this.server = server;
    this.executor = executor;
    this.files = files;
    this.snapshots = snapshots;
    this.source = source;
  }

  /**
   * Serves the page on {@code 127.0.0.1:port} (0: any free port) from the Redis at {@code
   * redisHost:redisPort}, showing {@code underlyings} in that order.
   *
   * @throws PortInUseException if the port is taken
   */
  public static LivePage start(int port, String redisHost, int redisPort, List<String> underlyings)
      throws IOException {
    LiveCache cache =
        new LiveCache(new JedisPooled(redisHost, redisPort), underlyings, Clock.systemUTC());
    try {
      return serve(port, cache::snapshot, cache);
    } catch (IOException | RuntimeException e) {
      cache.close();
      throw e;
    }
  }

  /** Serves snapshots from {@code snapshots}; closing the page closes {@code source}. */
  static LivePage serve(int port, Supplier<LiveSnapshot> snapshots, AutoCloseable source)
      throws IOException {
    Map<String, StaticFile> files = staticFiles();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (BindException e) {
      throw new PortInUseException("Live page", port);
    }
    // Two threads: a snapshot waiting on Redis does not hold up the page's files.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "gsb-live-page");
              thread.setDaemon(true);
              return thread;
            });
    LivePage page = new LivePage(server, executor, files, snapshots, source);
    server.createContext("/", page::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("Live page on {}", page.uri());
    return page;
  }

  /** The page's address, {@code http://localhost:PORT/}. */
  public URI uri() {
    return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", bytes("Only GET and HEAD\n"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals(SNAPSHOT_PATH)) {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        respondWithSnapshot(exchange);
        return;
      }
      StaticFile file = files.get(path);
      if (file == null) {
        respond(exchange, 404, "text/plain; charset=utf-8", bytes("Not found: " + path + "\n"));
      } else {
        respond(exchange, 200, file.contentType(), file.body());
      }
    }
  }

  private void respondWithSnapshot(HttpExchange exchange) throws IOException {
    byte[] body;
    try {
      body = json.writeValueAsBytes(snapshots.get());
    } catch (JedisException e) {
      // The page shows the reason and keeps polling; Redis may come back (or the demo is stopping).
      LOG.debug("No snapshot for the live page", e);
      respondWithError(exchange, 503, "Redis unavailable: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.warn("The live page could not read the live cache", e);
      respondWithError(exchange, 500, "Cannot read the live cache: " + e);
      return;
    }
    respond(exchange, 200, "application/json", body);
  }

  private void respondWithError(HttpExchange exchange, int status, String error)
      throws IOException {
    respond(exchange, status, "application/json", json.writeValueAsBytes(Map.of("error", error)));
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    // -1: no body (HEAD); otherwise the exact length
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, StaticFile> staticFiles() {
    WebJarVersionLocator webJars = new WebJarVersionLocator();
    StaticFile html = resource("index.html", "text/html; charset=utf-8");
    return Map.of(
        "/", html,
        "/index.html", html,
        "/live.js", resource("live.js", "text/javascript; charset=utf-8"),
        "/live.css", resource("live.css", "text/css; charset=utf-8"),
        "/vendor/uPlot.iife.min.js",
            webJar(webJars, "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"),
        "/vendor/uPlot.min.css", webJar(webJars, "dist/uPlot.min.css", "text/css; charset=utf-8"));
  }

  private static StaticFile resource(String name, String contentType) {
    return read(LivePage.class.getResourceAsStream(name), name, contentType);
  }

  private static StaticFile webJar(WebJarVersionLocator webJars, String file, String contentType) {
    String path = webJars.fullPath("uplot", file);
    if (path == null) {
      throw new IllegalStateException("uPlot's " + file + " is not on the classpath (webjar)");
    }
    return read(LivePage.class.getClassLoader().getResourceAsStream(path), path, contentType);
  }

  private static StaticFile read(InputStream in, String name, String contentType) {
    if (in == null) {
      throw new IllegalStateException("The live page's " + name + " is not on the classpath");
    }
    try (in) {
      return new StaticFile(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the live page's " + name, e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Stops serving at once, then closes the Redis client. */
  @Override
  public void close() throws Exception {
    server.stop(0);
    executor.shutdownNow();
    source.close();
  }
}
