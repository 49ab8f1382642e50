package io.gammastraddle.gamma.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.bridge.UserChannels;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.user.UserDecoder;
import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.execution.ExchangeRequest;
import io.gammastraddle.execution.OrderFeedback;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.positions.Fill;
import io.gammastraddle.simulator.exchange.ExchangeSettings;
import io.gammastraddle.simulator.exchange.PaperExchange;
import io.gammastraddle.simulator.exchange.Reply;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * The backtest's exchange for one underlying's account: the simulator's {@link PaperExchange} (the
 * paper mode's own matching, fees, tick sizes and margin) trading against the books the job rebuilt
 * ({@link RebuiltMarket}), in event time.
 *
 * <p>An order intent reaches the exchange {@link Settings#latencyMillis} after the event it was
 * decided on; resting orders are matched every {@value #STEP_MILLIS} ms of event time, as the
 * simulator's exchange loop does. What the exchange announces reaches the strategy as the same
 * {@link UserEvent}s the bridge and the execution sink put on {@code deribit.user.raw}, decoded by
 * the same {@link UserDecoder}: orders, trades, the portfolio, and the sink's own reports of
 * refused orders and status answers ({@link OrderFeedback}). At the first event the account's
 * summary is reported as the bridge reports it at start, so the strategy knows its equity.
 *
 * <p>Not thread-safe; one instance per underlying inside the strategy operator.
 */
public final class SimulatedVenue {

  /**
   * The backtest venue's settings.
   *
   * @param latencyMillis event time from a decision to its order reaching the exchange
   */
  public record Settings(long latencyMillis) implements Serializable {
    public Settings {
      if (latencyMillis < 0) {
        throw new IllegalArgumentException("latency must not be negative: " + latencyMillis);
      }
    }
  }

  /** Where the venue's news goes: account events to the strategy, fills to the report. */
  public interface Reports {
    void user(UserEvent event);

    void fill(VenueFill fill);
  }

  /** How often resting orders are matched against the books: the simulator's market step. */
  static final long STEP_MILLIS = 100;

  private static final String ACCOUNT = "backtest";
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Pending(long arrival, long sequence, OrderIntent intent) {}

  private final String currency;
  private final long latencyMillis;
  private final RebuiltMarket market = new RebuiltMarket();
  private final PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
  private final UserDecoder decoder = new UserDecoder();
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(
          Comparator.comparingLong(Pending::arrival).thenComparingLong(Pending::sequence));
  private long sequence;
  private long nextStep = Long.MIN_VALUE;
  private boolean opened;

  public SimulatedVenue(String currency, Settings settings) {
    this.currency = currency;
    this.latencyMillis = settings.latencyMillis();
  }

  /**
   * Runs the exchange up to {@code now} (event time): the orders that have arrived, in arrival
   * order, and the resting orders matched against the books at each step boundary passed, before
   * the orders that arrived after it. Call it before the strategy sees an input of time {@code
   * now}.
   */
  public void advanceTo(long now, Reports out) {
    if (!opened) {
      opened = true;
      market.advanceTo(now);
      Reply summary =
          exchange.handle(
              ACCOUNT,
              "private/get_account_summary",
              JSON.createObjectNode().put("currency", currency));
      decode(
          UserChannels.portfolio(currency, readTree(summary.result()))
              .withReceiveTime(now * NANOS_PER_MILLI),
          out);
    }
    while (!pending.isEmpty() && pending.peek().arrival() <= now) {
      Pending next = pending.poll();
      if (next.arrival() >= nextStep) {
        // The exchange matched the books it had before this order arrived.
        step(nextStep, out);
      }
      market.advanceTo(next.arrival());
      deliver(next.intent(), out);
    }
    if (now >= nextStep) {
      step(nextStep, out);
    }
    market.advanceTo(now);
    // The steps before the next input would match the same orders against the same books.
    nextStep = stepAfter(now);
  }

  /** Matches the resting orders at step {@code at} (at the market's time if it is past it). */
  private void step(long at, Reports out) {
    market.advanceTo(at);
    publish(exchange.onMarketStep(), out);
    nextStep = stepAfter(market.nowMillis());
  }

  private static long stepAfter(long millis) {
    return (Math.floorDiv(millis, STEP_MILLIS) + 1) * STEP_MILLIS;
  }

  /** Takes in what a market input says about books, marks and the index. */
  public void update(UnderlyingEvent event) {
    market.update(event);
  }

  /** Sends {@code intent} on its way: it reaches the exchange after the latency. */
  public void submit(OrderIntent intent) {
    pending.add(new Pending(intent.decidedAt() + latencyMillis, sequence++, intent));
  }

  private void deliver(OrderIntent intent, Reports out) {
    long now = market.nowMillis();
    ExchangeRequest request =
        switch (intent.kind()) {
          case PLACE -> ExchangeRequest.place(intent);
          case CANCEL -> ExchangeRequest.cancel(intent);
          case CHECK_STATUS -> ExchangeRequest.statusCheck(intent);
        };
    Reply reply = exchange.handle(ACCOUNT, request.method(), JSON.valueToTree(request.params()));
    publish(reply.events(), out);
    if (reply.isError()) {
      // As the execution sink: a refused cancel or status check says nothing about the order.
      if (intent.kind() == OrderIntent.Kind.PLACE) {
        String why = reply.error().code() + " " + reply.error().message();
        decode(OrderFeedback.rejected(intent, why, now, now * NANOS_PER_MILLI), out);
      }
    } else if (intent.kind() == OrderIntent.Kind.CHECK_STATUS) {
      JsonNode orders = readTree(reply.result());
      if (orders.isEmpty()) {
        String why = "the exchange has no order with this label";
        decode(OrderFeedback.rejected(intent, why, now, now * NANOS_PER_MILLI), out);
      }
      for (JsonNode order : orders) {
        decode(OrderFeedback.found(order, now * NANOS_PER_MILLI), out);
      }
    }
  }

  private void publish(List<io.gammastraddle.simulator.exchange.UserEvent> events, Reports out) {
    for (io.gammastraddle.simulator.exchange.UserEvent event : events) {
      String channel =
          switch (event.type()) {
            case ORDERS -> "user.orders.any." + event.currency() + ".raw";
            case TRADES -> "user.trades.any." + event.currency() + ".raw";
            case PORTFOLIO -> "user.portfolio." + event.currency().toLowerCase(Locale.ROOT);
          };
      long nanos = market.nowMillis() * NANOS_PER_MILLI;
      decode(Notifications.paramsWithReceiveTime(event.frame(channel), nanos), out);
    }
  }

  /**
   * Decodes what the exchange said as the job decodes {@code deribit.user.raw}. The exchange is the
   * project's own, so a message the decoder refuses is a bug, not bad input: it stops the run.
   */
  private void decode(String value, Reports out) {
    try {
      decoder.decode(
          value,
          event -> {
            out.user(event);
            if (event.fill() != null) {
              out.fill(fill(event.fill()));
            }
          });
    } catch (MalformedMessageException e) {
      throw new IllegalStateException("the simulated venue said something undecodable: " + e, e);
    }
  }

  private VenueFill fill(Fill fill) {
    return new VenueFill(
        currency,
        fill.timestamp(),
        fill.instrument(),
        fill.label(),
        fill.side().name().toLowerCase(Locale.ROOT),
        fill.amount(),
        fill.price(),
        fill.indexPrice(),
        fill.fee());
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
