package io.gammastraddle.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.embedded.PortInUseException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The live page's server over real HTTP, with snapshots from a fake instead of Redis. */
class LivePageTest {

  private static final LiveSnapshot SNAPSHOT =
      new LiveSnapshot(
          1_795_633_646_500L,
          new LiveSnapshot.Heartbeat(1_795_633_646_000L, 29),
          Map.of("version", "20261126-bootstrap", "trained_at", "1795630000000"),
          orderedOf(
              "BTC",
              new LiveSnapshot.Underlying(
                  orderedOf("basis_pct", "0.831", "realized_vol", "NaN", "ts", "1795633646000"),
                  Map.of("size", "0.0734", "fallback", "false", "reason", ""),
                  Map.of("BTC-27NOV26-100000-C", "0.1", "open_straddles", "1"),
                  Map.of("implied_vol", "0.55"),
                  Map.of("delta", "0.0123"),
                  Map.of("realized_usd", "1234.5")),
              "ETH",
              new LiveSnapshot.Underlying(
                  Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of())),
          List.of(
              new LiveSnapshot.AlertEntry(
                  "1795633646000-0",
                  Map.of("type", "risk-rejected", "subject", "BTC", "message", "<b>gamma</b>"))));

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger sourcesClosed = new AtomicInteger();
  private LivePage page;

  @AfterEach
  void stop() throws Exception {
    if (page != null) {
      page.close();
    }
  }

  @Test
  void servesTheSnapshotAsJsonWithTheHashesAsTheJobWroteThem() throws Exception {
    page = serve(() -> SNAPSHOT);

    HttpResponse<String> response = get("api/snapshot");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode snapshot = json.readTree(response.body());
    assertThat(snapshot.get("time").asLong()).isEqualTo(1_795_633_646_500L);
    assertThat(snapshot.at("/heartbeat/eventTime").asLong()).isEqualTo(1_795_633_646_000L);
    assertThat(snapshot.at("/heartbeat/expiresInSeconds").asLong()).isEqualTo(29);
    assertThat(snapshot.at("/model/version").asText()).isEqualTo("20261126-bootstrap");
    JsonNode btc = snapshot.at("/underlyings/BTC");
    assertThat(btc.at("/features/realized_vol").asText()).isEqualTo("NaN");
    assertThat(fieldNames(btc.get("features"))).containsExactly("basis_pct", "realized_vol", "ts");
    assertThat(btc.at("/prediction/size").asText()).isEqualTo("0.0734");
    assertThat(btc.at("/positions/BTC-27NOV26-100000-C").asText()).isEqualTo("0.1");
    assertThat(btc.at("/chain/implied_vol").asText()).isEqualTo("0.55");
    assertThat(btc.at("/greeks/delta").asText()).isEqualTo("0.0123");
    assertThat(btc.at("/pnl/realized_usd").asText()).isEqualTo("1234.5");
    assertThat(fieldNames(snapshot.get("underlyings"))).containsExactly("BTC", "ETH");
    assertThat(snapshot.at("/underlyings/ETH/features").isEmpty()).isTrue();
    assertThat(snapshot.at("/alerts/0/id").asText()).isEqualTo("1795633646000-0");
    assertThat(snapshot.at("/alerts/0/fields/message").asText()).isEqualTo("<b>gamma</b>");
  }

  @Test
  void sendsANullHeartbeatOnceItExpired() throws Exception {
    LiveSnapshot silent = new LiveSnapshot(1L, null, Map.of(), Map.of(), List.of());
    page = serve(() -> silent);

    JsonNode snapshot = json.readTree(get("api/snapshot").body());

    assertThat(snapshot.get("heartbeat").isNull()).isTrue();
    assertThat(snapshot.get("alerts").isEmpty()).isTrue();
  }

  @Test
  void answersServiceUnavailableWithTheReasonWhenRedisIsDown() throws Exception {
    page =
        serve(
            () -> {
              throw new JedisConnectionException("Failed to connect to 127.0.0.1:6379");
            });

    HttpResponse<String> response = get("api/snapshot");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json.readTree(response.body()).get("error").asText())
        .isEqualTo("Redis unavailable: Failed to connect to 127.0.0.1:6379");
  }

  @Test
  void answersInternalErrorWithTheReasonWhenTheCacheHoldsWhatItCannotRead() throws Exception {
    page =
        serve(
            () -> {
              throw new NumberFormatException("For input string: \"soon\"");
            });

    HttpResponse<String> response = get("api/snapshot");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json.readTree(response.body()).get("error").asText())
        .isEqualTo(
            "Cannot read the live cache: java.lang.NumberFormatException: For input string:"
                + " \"soon\"");
  }

  @Test
  void servesThePageAndTheChartLibraryFromTheJarUnderAPolicyAllowingOnlyItsOwnScripts()
      throws Exception {
    page = serve(() -> SNAPSHOT);

    HttpResponse<String> html = get("");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(html.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(policy -> assertThat(policy).startsWith("default-src 'self';"));
    assertThat(html.body())
        .contains("<script src=\"vendor/uPlot.iife.min.js\"></script>")
        .contains("<script src=\"live.js\"></script>");
    assertThat(get("live.js").body()).contains("api/snapshot");
    assertThat(get("live.css").statusCode()).isEqualTo(200);
    HttpResponse<String> uPlot = get("vendor/uPlot.iife.min.js");
    assertThat(uPlot.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(uPlot.body()).contains("uPlot");
    assertThat(get("vendor/uPlot.min.css").body()).contains(".uplot");
  }

  @Test
  void answersNotFoundAndMethodNotAllowed() throws Exception {
    page = serve(() -> SNAPSHOT);

    assertThat(get("../pom.xml").statusCode()).isEqualTo(404);
    assertThat(get("io/gammastraddle/live/live.js").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(page.uri().resolve("api/snapshot"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void refusesATakenPortNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> LivePage.serve(port, () -> SNAPSHOT, () -> {}))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("Live page port " + port + " is already in use");
    }
  }

  @Test
  void closingThePageClosesItsSourceAndFreesThePort() throws Exception {
    page = serve(() -> SNAPSHOT);
    int port = page.uri().getPort();

    page.close();
    page = null;

    assertThat(sourcesClosed).hasValue(1);
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  private LivePage serve(Supplier<LiveSnapshot> snapshots) throws IOException {
    return LivePage.serve(0, snapshots, () -> sourcesClosed.incrementAndGet());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    URI uri = URI.create(page.uri() + path);
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> orderedOf(Object... namesAndValues) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], (V) namesAndValues[i + 1]);
    }
    return map;
  }
}
