package io.gammastraddle.simulator;

import io.gammastraddle.deribit.websocket.RequestRateLimiter;
import io.gammastraddle.simulator.exchange.ExchangeSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SimulatorServer} behaves beyond its market: pace, heartbeats, back-pressure, rate
 * limits, access tokens and the paper exchange's accounts and fees.
 *
 * @param speed simulated seconds per wall-clock second (1.0 = real time); a mirror runs at 1.0
 * @param minimumHeartbeat the shortest {@code public/set_heartbeat} interval accepted (Deribit: 10
 *     s)
 * @param sendQueueLimit frames a client may fall behind before it is disconnected
 * @param tokenLifetime how long an access token from {@code public/auth} lasts ({@code expires_in})
 * @param exchange the paper exchange's starting balances, fees and the credit budgets each
 *     connection is metered by
 */
public record ServerOptions(
    double speed,
    Duration minimumHeartbeat,
    int sendQueueLimit,
    Duration tokenLifetime,
    ExchangeSettings exchange) {

  public ServerOptions {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be positive and finite: " + speed);
    }
    Objects.requireNonNull(minimumHeartbeat, "minimumHeartbeat");
    if (sendQueueLimit < 1) {
      throw new IllegalArgumentException("sendQueueLimit must be positive: " + sendQueueLimit);
    }
    if (tokenLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("tokenLifetime must be at least 1 s: " + tokenLifetime);
    }
    Objects.requireNonNull(exchange, "exchange");
  }

  /**
   * Real time, Deribit's 10 s heartbeat minimum, 10,000 frames of back-pressure, 15-minute tokens
   * (Deribit's {@code expires_in} of 900 s for a connection-scoped token) and the exchange's
   * default balances, fees and credit budgets.
   */
  public static ServerOptions defaults() {
    return new ServerOptions(
        1.0, Duration.ofSeconds(10), 10_000, Duration.ofSeconds(900), ExchangeSettings.defaults());
  }

  public ServerOptions withSpeed(double newSpeed) {
    return new ServerOptions(newSpeed, minimumHeartbeat, sendQueueLimit, tokenLifetime, exchange);
  }

  public ServerOptions withMinimumHeartbeat(Duration interval) {
    return new ServerOptions(speed, interval, sendQueueLimit, tokenLifetime, exchange);
  }

  public ServerOptions withSendQueueLimit(int frames) {
    return new ServerOptions(speed, minimumHeartbeat, frames, tokenLifetime, exchange);
  }

  /** The credit budgets each connection is metered by (the exchange settings'). */
  public RequestRateLimiter.Limits rateLimits() {
    return exchange.limits();
  }

  public ServerOptions withRateLimits(RequestRateLimiter.Limits limits) {
    return withExchange(exchange.withLimits(limits));
  }

  public ServerOptions withTokenLifetime(Duration lifetime) {
    return new ServerOptions(speed, minimumHeartbeat, sendQueueLimit, lifetime, exchange);
  }

  public ServerOptions withExchange(ExchangeSettings settings) {
    return new ServerOptions(speed, minimumHeartbeat, sendQueueLimit, tokenLifetime, settings);
  }
}
