package io.gammastraddle.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.websocket.RequestRateLimiter;
import io.gammastraddle.simulator.exchange.DeribitError;
import io.gammastraddle.simulator.exchange.PaperExchange;
import io.gammastraddle.simulator.exchange.Reply;
import io.gammastraddle.simulator.exchange.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Answers Deribit JSON-RPC 2.0 requests: {@code public/test}, {@code public/get_time}, {@code
 * public/set_heartbeat}, {@code public/disable_heartbeat}, {@code public/get_instruments}, {@code
 * public/subscribe}, {@code public/unsubscribe} and {@code public/unsubscribe_all}. Used only on
 * the exchange loop's thread, so it reads the market and changes subscriptions without locks.
 */
final class RequestHandler {
  /** Reported by {@code public/test}; the version in Deribit's docs, marked as the simulator. */
  static final String API_VERSION = "1.2.26-gsb-simulator";

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int TOO_MANY_REQUESTS = RequestRateLimiter.TOO_MANY_REQUESTS;
  // Deribit's codes (fixtures/deribit/rpc_errors.json; docs.deribit.com error codes)
  static final int UNAUTHORIZED = 13009;
  static final int INVALID_CREDENTIALS = 13004;
  static final int MAX_REFRESH_TOKENS = 10_000;

  private static final String BOOK_PREFIX = "book.";
  private static final String BOOK_SUFFIX = ".100ms";
  private static final Set<String> DERIBIT_KINDS =
      Set.of("future", "option", "spot", "future_combo", "option_combo");

  private final MarketSource market;
  private final PaperExchange exchange;
  private final Subscriptions subscriptions;
  private final Duration minimumHeartbeat;
  private final Duration tokenLifetime;
  // refresh token -> account, for grant_type refresh_token; the oldest unused ones are forgotten,
  // so a server running for weeks does not keep every token it ever issued
  private final Map<String, String> refreshTokens =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_REFRESH_TOKENS;
        }
      };
  private final List<UserEvent> userEvents = new ArrayList<>();
  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonWriter json = new JsonWriter();

  RequestHandler(
      MarketSource market,
      PaperExchange exchange,
      Subscriptions subscriptions,
      ServerOptions options) {
    this.market = market;
    this.exchange = exchange;
    this.subscriptions = subscriptions;
    this.minimumHeartbeat = options.minimumHeartbeat();
    this.tokenLifetime = options.tokenLifetime();
  }

  /** The user events the requests handled since the last call produced, in order. */
  List<UserEvent> takeUserEvents() {
    if (userEvents.isEmpty()) {
      return List.of();
    }
    List<UserEvent> taken = List.copyOf(userEvents);
    userEvents.clear();
    return taken;
  }

  /**
   * Handles one text frame from {@code session} and returns the frames to send back, in order: the
   * response, then any book snapshots a subscription asked for.
   */
  List<String> handle(Session session, String text, long usIn, long nowNanos) {
    json.reset();
    JsonNode request;
    try {
      request = mapper.readTree(text);
    } catch (JsonProcessingException malformed) {
      return List.of(error(null, usIn, PARSE_ERROR, "Parse error", null));
    }
    if (request == null || !request.isObject() || !request.path("method").isTextual()) {
      return List.of(
          error(
              request == null ? null : request.get("id"),
              usIn,
              INVALID_REQUEST,
              "Invalid Request",
              null));
    }
    JsonNode id = request.get("id");
    JsonNode params = request.path("params");
    String method = request.get("method").asText();
    RateMeter.Verdict verdict = session.rateMeter().take(method, nowNanos);
    if (verdict != RateMeter.Verdict.ACCEPT) {
      if (verdict == RateMeter.Verdict.TERMINATE) {
        session.terminate();
      }
      return List.of(error(id, usIn, TOO_MANY_REQUESTS, "too_many_requests", null));
    }
    try {
      return switch (method) {
        case "public/test" -> {
          session.testReceived();
          yield List.of(
              result(
                  id, usIn, json.beginObject().field("version", API_VERSION).endObject().take()));
        }
        case "public/get_time" -> List.of(result(id, usIn, Long.toString(market.nowMillis())));
        case "public/set_heartbeat" -> {
          session.enableHeartbeat(heartbeatInterval(params).toNanos(), nowNanos);
          yield List.of(ok(id, usIn));
        }
        case "public/disable_heartbeat" -> {
          session.disableHeartbeat();
          yield List.of(ok(id, usIn));
        }
        case "public/get_instruments" -> List.of(result(id, usIn, instruments(params)));
        case "public/get_index_price" -> List.of(result(id, usIn, indexPrice(params)));
        case "public/auth" -> List.of(authenticate(session, id, usIn, params, nowNanos));
        case "public/subscribe" -> subscribe(session, id, usIn, params, false);
        case "public/unsubscribe" -> List.of(unsubscribe(session, id, usIn, params));
        case "public/unsubscribe_all" -> {
          subscriptions.removeAll(session);
          yield List.of(ok(id, usIn));
        }
        default ->
            method.startsWith("private/")
                ? privateRequest(session, method, id, usIn, params, nowNanos)
                : List.of(error(id, usIn, METHOD_NOT_FOUND, "Method not found", null));
      };
    } catch (InvalidParams invalid) {
      return List.of(error(id, usIn, INVALID_PARAMS, "Invalid params", invalid));
    }
  }

  /** A JSON-RPC error answering the request {@code id}, in the envelope of every response. */
  String errorResponse(JsonNode id, long usIn, int code, String message) {
    json.reset();
    return error(id, usIn, code, message, null);
  }

  private Duration heartbeatInterval(JsonNode params) {
    JsonNode interval = params.path("interval");
    if (!interval.isNumber()) {
      throw new InvalidParams("interval", "must be a number of seconds");
    }
    Duration requested = Duration.ofNanos(Math.round(interval.asDouble() * 1e9));
    if (requested.compareTo(minimumHeartbeat) < 0) {
      throw new InvalidParams(
          "interval", "must be at least " + minimumHeartbeat.toMillis() / 1000.0 + " seconds");
    }
    return requested;
  }

  private String instruments(JsonNode params) {
    JsonNode currencyNode = params.path("currency");
    String currency = currencyNode.asText();
    if (!currencyNode.isTextual()
        || !(currency.equals("any") || market.currencies().contains(currency))) {
      throw new InvalidParams("currency", "must be one of " + market.currencies() + " or any");
    }
    JsonNode kindNode = params.path("kind");
    if (!kindNode.isMissingNode() && !DERIBIT_KINDS.contains(kindNode.asText())) {
      throw new InvalidParams("kind", "must be one of " + DERIBIT_KINDS);
    }
    // the simulator keeps no expired instruments
    boolean expired = params.path("expired").asBoolean(false);
    json.beginArray();
    if (!expired) {
      String kind = kindNode.isMissingNode() ? null : kindNode.asText();
      market.instrumentDefinitions(currency, kind).forEach(json::rawValue);
    }
    return json.endArray().take();
  }

  /**
   * Answers {@code public/subscribe} and ({@code userChannels}) {@code private/subscribe}, which
   * alone may subscribe the account's {@code user.*} channels.
   */
  private List<String> subscribe(
      Session session, JsonNode id, long usIn, JsonNode params, boolean userChannels) {
    List<String> snapshots = new ArrayList<>();
    Set<String> subscribed = new LinkedHashSet<>();
    for (String channel : channels(params)) {
      if (!market.channels().contains(channel) && !(userChannels && isUserChannel(channel))) {
        continue;
      }
      subscribed.add(channel);
      if (subscriptions.add(session, channel) && channel.startsWith(BOOK_PREFIX)) {
        String instrument =
            channel.substring(BOOK_PREFIX.length(), channel.length() - BOOK_SUFFIX.length());
        snapshots.add(market.bookSnapshot(instrument));
      }
    }
    List<String> frames = new ArrayList<>(1 + snapshots.size());
    frames.add(result(id, usIn, stringArray(subscribed)));
    frames.addAll(snapshots);
    return frames;
  }

  /**
   * A request to {@code private/*}: refused without a valid token, subscriptions and
   * cancel-on-disconnect handled here, orders and account queries by the paper exchange.
   */
  private List<String> privateRequest(
      Session session, String method, JsonNode id, long usIn, JsonNode params, long nowNanos) {
    if (session.accountId() == null) {
      return List.of(error(id, usIn, UNAUTHORIZED, "unauthorized", null));
    }
    if (session.tokenExpired(nowNanos)) {
      return List.of(
          rawError(
              id,
              usIn,
              new DeribitError(
                  UNAUTHORIZED, "invalid_token", "token has expired", "access_token")));
    }
    return switch (method) {
      case "private/subscribe" -> subscribe(session, id, usIn, params, true);
      case "private/unsubscribe" -> List.of(unsubscribe(session, id, usIn, params));
      case "private/unsubscribe_all" -> {
        subscriptions.removeAll(session);
        yield List.of(ok(id, usIn));
      }
      case "private/enable_cancel_on_disconnect", "private/disable_cancel_on_disconnect" -> {
        if (!params.path("scope").asText("connection").equals("connection")) {
          throw new InvalidParams("scope", "only connection is simulated");
        }
        session.cancelOnDisconnect(method.startsWith("private/enable"));
        yield List.of(ok(id, usIn));
      }
      case "private/get_cancel_on_disconnect" ->
          List.of(
              result(
                  id,
                  usIn,
                  json.beginObject()
                      .field("scope", "connection")
                      .field("enabled", session.cancelOnDisconnect())
                      .endObject()
                      .take()));
      default -> {
        Reply reply = exchange.handle(session.accountId(), method, params);
        userEvents.addAll(reply.events());
        yield List.of(
            reply.isError() ? rawError(id, usIn, reply.error()) : result(id, usIn, reply.result()));
      }
    };
  }

  /**
   * {@code public/auth}: any non-empty client id and secret open (or reopen) the paper account
   * named by the client id, since the simulator holds no real money; a refresh token issued here
   * renews the access. The secret is neither kept nor logged.
   */
  private String authenticate(
      Session session, JsonNode id, long usIn, JsonNode params, long nowNanos) {
    String account =
        switch (params.path("grant_type").asText()) {
          case "client_credentials" -> {
            String clientId = params.path("client_id").asText("");
            if (clientId.isEmpty() || params.path("client_secret").asText("").isEmpty()) {
              yield null;
            }
            yield clientId;
          }
          case "refresh_token" -> refreshTokens.remove(params.path("refresh_token").asText(""));
          default ->
              throw new InvalidParams("grant_type", "must be client_credentials or refresh_token");
        };
    if (account == null) {
      return error(id, usIn, INVALID_CREDENTIALS, "invalid_credentials", null);
    }
    session.authenticate(account, nowNanos + tokenLifetime.toNanos());
    String refreshToken = "sim-refresh-" + UUID.randomUUID();
    refreshTokens.put(refreshToken, account);
    return result(
        id,
        usIn,
        json.beginObject()
            .field("access_token", "sim-access-" + UUID.randomUUID())
            .field("expires_in", tokenLifetime.toSeconds())
            .field("refresh_token", refreshToken)
            .field("scope", "connection mainaccount")
            .beginArray("enabled_features")
            .endArray()
            .field("token_type", "bearer")
            .endObject()
            .take());
  }

  private String indexPrice(JsonNode params) {
    String indexName = params.path("index_name").asText();
    String currency =
        indexName.endsWith("_usd") ? indexName.substring(0, indexName.length() - 4) : "";
    String upper = currency.toUpperCase(Locale.ROOT);
    if (!market.currencies().contains(upper)) {
      throw new InvalidParams("index_name", "unknown index: " + indexName);
    }
    double price = market.view().indexPrice(upper);
    return json.beginObject()
        .decimal("index_price", price, 2)
        .decimal("estimated_delivery_price", price, 2)
        .endObject()
        .take();
  }

  private static boolean isUserChannel(String channel) {
    return channel.startsWith("user.orders.")
        || channel.startsWith("user.trades.")
        || channel.startsWith("user.portfolio.");
  }

  private String unsubscribe(Session session, JsonNode id, long usIn, JsonNode params) {
    Set<String> unsubscribed = new LinkedHashSet<>();
    for (String channel : channels(params)) {
      if (subscriptions.remove(session, channel)) {
        unsubscribed.add(channel);
      }
    }
    return result(id, usIn, stringArray(unsubscribed));
  }

  private static List<String> channels(JsonNode params) {
    JsonNode channels = params.path("channels");
    if (!channels.isArray()) {
      throw new InvalidParams("channels", "must be an array of channel names");
    }
    List<String> names = new ArrayList<>(channels.size());
    channels.forEach(channel -> names.add(channel.asText()));
    return names;
  }

  private String stringArray(Set<String> values) {
    json.beginArray();
    values.forEach(json::value);
    return json.endArray().take();
  }

  private String ok(JsonNode id, long usIn) {
    return result(id, usIn, "\"ok\"");
  }

  private String result(JsonNode id, long usIn, String resultJson) {
    return envelope(id, usIn, "result", resultJson);
  }

  private String rawError(JsonNode id, long usIn, DeribitError error) {
    return envelope(id, usIn, "error", error.json());
  }

  private String error(JsonNode id, long usIn, int code, String message, InvalidParams details) {
    json.beginObject().field("code", code).field("message", message);
    if (details != null) {
      json.beginObject("data")
          .field("reason", details.getMessage())
          .field("param", details.param)
          .endObject();
    }
    return envelope(id, usIn, "error", json.endObject().take());
  }

  private String envelope(JsonNode id, long usIn, String field, String valueJson) {
    json.beginObject().field("jsonrpc", "2.0");
    if (id != null) {
      json.rawField("id", id.toString());
    }
    long usOut = nowMicros();
    return json.rawField(field, valueJson)
        .field("usIn", usIn)
        .field("usOut", usOut)
        .field("usDiff", usOut - usIn)
        // not the real-money exchange: clients that guard live trading on this flag stay safe
        .field("testnet", true)
        .endObject()
        .take();
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  /** A request's parameter is missing or wrong; answered with JSON-RPC error -32602. */
  private static final class InvalidParams extends RuntimeException {
    private final String param;

    InvalidParams(String param, String reason) {
      super(reason, null, false, false);
      this.param = param;
    }
  }
}
