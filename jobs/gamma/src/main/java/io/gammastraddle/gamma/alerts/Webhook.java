package io.gammastraddle.gamma.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One chat a {@link WebhookSink} posts to, with the secret that reaches it: Slack's
 * incoming-webhook URL is a secret as a whole, and Telegram's bot token is part of its URL's path.
 * The secret stays in here: {@link #toString} names the channel only, errors name the variable, and
 * {@link #redact} takes it out of any text that might quote a URL (an exception's message, an
 * answer's body).
 */
final class Webhook {

  /** Telegram takes at most 4096 characters; a longer alert is cut. */
  static final int MAX_TEXT = 3_500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REDACTED = "***";

  private final WebhookSink.Channel channel;
  private final URI uri;
  private final String chatId;
  private final List<String> secrets;

  private Webhook(WebhookSink.Channel channel, URI uri, String chatId, List<String> secrets) {
    this.channel = channel;
    this.uri = uri;
    this.chatId = chatId;
    this.secrets = secrets;
  }

  /**
   * The channel's webhook from the variables of {@code environment}.
   *
   * @throws IllegalArgumentException naming the variable, never its value
   */
  static Webhook of(
      WebhookSink.Channel channel, Map<String, String> environment, String telegramApi) {
    return switch (channel) {
      case SLACK -> slack(required(environment, WebhookSink.SLACK_URL_VARIABLE));
      case TELEGRAM ->
          telegram(
              telegramApi,
              required(environment, WebhookSink.TELEGRAM_TOKEN_VARIABLE),
              required(environment, WebhookSink.TELEGRAM_CHAT_VARIABLE));
    };
  }

  /** Slack's incoming webhook at {@code url}. */
  static Webhook slack(String url) {
    URI uri = httpUri(url, WebhookSink.SLACK_URL_VARIABLE);
    // The path alone is the secret too: an error may quote it without the host.
    String path = uri.getRawPath() == null || uri.getRawPath().length() < 2 ? "" : uri.getRawPath();
    return new Webhook(WebhookSink.Channel.SLACK, uri, null, List.of(url.strip(), path));
  }

  /** Telegram's {@code sendMessage} of the bot {@code token} at {@code api}, to {@code chatId}. */
  static Webhook telegram(String api, String token, String chatId) {
    String bot = token.strip();
    if (!bot.matches("[A-Za-z0-9:_-]+")) {
      throw new IllegalArgumentException(
          WebhookSink.TELEGRAM_TOKEN_VARIABLE + " is not a bot token (digits, a colon, letters)");
    }
    String base = api.strip().replaceAll("/+$", "");
    URI uri = httpUri(base + "/bot" + bot + "/sendMessage", "alerts.telegram-api");
    return new Webhook(
        WebhookSink.Channel.TELEGRAM,
        uri,
        chatId.strip(),
        List.of(bot, URLEncoder.encode(bot, StandardCharsets.UTF_8)));
  }

  /** The POST that delivers {@code alert}. */
  HttpRequest request(Alert alert, Duration timeout) {
    return HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body(alert), StandardCharsets.UTF_8))
        .build();
  }

  /**
   * The JSON body: Slack's {@code {"text": ...}}, in which {@code &}, {@code <} and {@code >} must
   * be escaped (Slack reads them as markup); Telegram's {@code {"chat_id": ..., "text": ...}},
   * plain text (no {@code parse_mode}).
   */
  String body(Alert alert) {
    ObjectNode body = JSON.createObjectNode();
    String text = text(alert);
    if (channel == WebhookSink.Channel.SLACK) {
      body.put("text", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    } else {
      body.put("chat_id", chatId);
      body.put("text", text);
      body.put("disable_web_page_preview", true);
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write an alert as JSON", e);
    }
  }

  /** {@code text} without the secret. */
  String redact(String text) {
    if (text == null) {
      return "";
    }
    String redacted = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        redacted = redacted.replace(secret, REDACTED);
      }
    }
    return redacted;
  }

  @Override
  public String toString() {
    return channel.toString();
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String text(Alert alert) {
    String text =
        "gsb "
            + alert.type()
            + " "
            + alert.subject()
            + " at "
            + Instant.ofEpochMilli(alert.timestamp())
            + "\n"
            + alert.message();
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }

  private static String required(Map<String, String> environment, String variable) {
    String value = environment.get(variable);
    if (isBlank(value)) {
      throw new IllegalArgumentException(variable + " is not set");
    }
    return value;
  }

  /** {@code url} as an http(s) URI; the error names {@code setting}, not the URL. */
  private static URI httpUri(String url, String setting) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      // The exception quotes the URL, which is (or holds) the secret: it is not passed on.
      throw new IllegalArgumentException(setting + " is not a valid URL");
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(setting + " must be an http(s) URL with a host");
    }
    return uri;
  }
}
