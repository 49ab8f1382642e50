package io.gammastraddle.gamma.backtest;

import static io.gammastraddle.gamma.MarketEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.deribit.user.AccountSnapshot;
import io.gammastraddle.deribit.user.OrderReport;
import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.MarketEvents;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.orders.Leg;
import io.gammastraddle.orders.OrderAction;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.orders.OrderPolicy;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.Side;
import io.gammastraddle.positions.Fill;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The backtest venue on one BTC option and the perpetual, event by event: orders reach the paper
 * exchange after the latency, take what the rebuilt top of book offers at Deribit's option fee,
 * rest and fill as maker on a later step, and every outcome comes back as the job's user events.
 */
class SimulatedVenueTest {

  /** Expires 2026-03-27 08:00 UTC, long after {@link MarketEvents#T0} (2023-11-14). */
  private static final String OPTION = "BTC-27MAR26-100000-C";

  private static final long LATENCY = 20;
  private static final double INDEX = 36_450;

  private final SimulatedVenue venue = venue();
  private final Reports reports = new Reports();
  private long decisions;

  @Test
  void theFirstStepReportsTheAccountWithTheSimulatorsOpeningEquity() {
    venue.advanceTo(T0, reports);

    assertThat(reports.user).hasSize(1);
    AccountSnapshot account = reports.user.get(0).account();
    assertThat(account.currency()).isEqualTo("BTC");
    assertThat(account.equity()).isEqualTo(10); // ExchangeSettings.defaults(): 10 BTC
    assertThat(account.balance()).isEqualTo(10);
    assertThat(account.timestamp()).isEqualTo(T0);

    venue.advanceTo(T0 + 500, reports);
    assertThat(reports.accounts()).hasSize(1);
  }

  @Test
  void anIocBuyTakesTheAskOnlyOnceItsLatencyHasPassed() {
    open(0.02, 0.021, 0.5);
    OrderIntent buy = place(OrderPolicy.IOC, 0.3, 0.0215, T0);

    venue.advanceTo(T0 + LATENCY - 1, reports);
    assertThat(reports.orders()).isEmpty();
    assertThat(reports.fills).isEmpty();

    venue.advanceTo(T0 + LATENCY, reports);
    // Deribit's option fee: 0.0003 coin per contract, at most 12.5% of the price:
    // min(0.0003 * 0.3, 0.125 * 0.021 * 0.3) = min(0.00009, 0.0007875) = 0.00009 BTC.
    double fee = 0.00009;
    assertThat(reports.orders())
        .singleElement()
        .satisfies(
            order -> {
              assertThat(order.label()).isEqualTo(buy.label());
              assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
              assertThat(order.filledAmount()).isEqualTo(0.3);
              assertThat(order.timestamp()).isEqualTo(T0 + LATENCY);
            });
    Fill fill = reports.trades().get(0);
    assertThat(reports.trades()).hasSize(1);
    assertThat(fill.instrument()).isEqualTo(OPTION);
    assertThat(fill.side()).isEqualTo(Side.BUY);
    assertThat(fill.amount()).isEqualTo(0.3);
    assertThat(fill.price()).isEqualTo(0.021);
    assertThat(fill.fee()).isCloseTo(fee, within(1e-12));
    assertThat(fill.indexPrice()).isEqualTo(INDEX);
    assertThat(fill.timestamp()).isEqualTo(T0 + LATENCY);
    assertThat(fill.label()).isEqualTo(buy.label());
    assertThat(reports.fills)
        .singleElement()
        .satisfies(
            venueFill -> {
              assertThat(venueFill.underlying()).isEqualTo("BTC");
              assertThat(venueFill.timestamp()).isEqualTo(T0 + LATENCY);
              assertThat(venueFill.instrument()).isEqualTo(OPTION);
              assertThat(venueFill.label()).isEqualTo(buy.label());
              assertThat(venueFill.direction()).isEqualTo("buy");
              assertThat(venueFill.amount()).isEqualTo(0.3);
              assertThat(venueFill.price()).isEqualTo(0.021);
              assertThat(venueFill.indexPrice()).isEqualTo(INDEX);
              assertThat(venueFill.fee()).isCloseTo(fee, within(1e-12));
            });
  }

  @Test
  void anIocLargerThanTheTopTakesTheTopAmountAndTheRestIsCancelled() {
    open(0.001, 0.0012, 0.5);
    place(OrderPolicy.IOC, 0.8, 0.0012, T0);

    venue.advanceTo(T0 + LATENCY, reports);

    // The venue sees one level: 0.5 at 0.0012. The fee cap binds on so cheap an option:
    // min(0.0003 * 0.5, 0.125 * 0.0012 * 0.5) = min(0.00015, 0.000075) = 0.000075 BTC.
    assertThat(reports.trades())
        .singleElement()
        .satisfies(
            fill -> {
              assertThat(fill.amount()).isEqualTo(0.5);
              assertThat(fill.price()).isEqualTo(0.0012);
              assertThat(fill.fee()).isCloseTo(0.000075, within(1e-12));
            });
    assertThat(reports.orders())
        .singleElement()
        .satisfies(
            order -> {
              assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
              assertThat(order.filledAmount()).isEqualTo(0.5);
            });
  }

  @Test
  void aPriceOffTheTickGridIsReportedAsARejectedOrder() {
    open(0.02, 0.021, 0.5);
    // Above 0.005 a BTC option's tick is 0.0005.
    OrderIntent buy = place(OrderPolicy.IOC, 0.3, 0.0212, T0);

    venue.advanceTo(T0 + LATENCY, reports);

    assertThat(reports.orders())
        .singleElement()
        .isEqualTo(
            new OrderReport(
                "rejected:" + buy.label(),
                OPTION,
                buy.label(),
                OrderStatus.REJECTED,
                0,
                T0 + LATENCY));
    assertThat(reports.fills).isEmpty();
  }

  @Test
  void aPostOnlyBuyRestsAndFillsAsMakerAtTheStepAfterATopCrossesIt() {
    open(0.02, 0.021, 0.5);
    OrderIntent bid = place(OrderPolicy.POST_ONLY, 0.3, 0.0205, T0);
    venue.advanceTo(T0 + LATENCY, reports);
    assertThat(reports.orders())
        .singleElement()
        .satisfies(order -> assertThat(order.status()).isEqualTo(OrderStatus.OPEN));
    reports.clear();

    venue.advanceTo(T0 + 50, reports);
    venue.update(UnderlyingEvent.of(optionTop(T0 + 50, 0.019, 0.02, 0.5, false)));
    venue.advanceTo(T0 + 99, reports);
    assertThat(reports.fills).isEmpty();

    venue.advanceTo(T0 + 100, reports);
    // A maker fills at its own price, not at the lower ask that crossed it:
    // fee min(0.0003 * 0.3, 0.125 * 0.0205 * 0.3) = 0.00009 BTC.
    assertThat(reports.fills)
        .singleElement()
        .usingRecursiveComparison()
        .withEqualsForType((a, b) -> Math.abs(a - b) < 1e-12, Double.class)
        .isEqualTo(
            new VenueFill(
                "BTC", T0 + 100, OPTION, bid.label(), "buy", 0.3, 0.0205, INDEX, 0.00009));
    assertThat(reports.orders())
        .singleElement()
        .satisfies(order -> assertThat(order.status()).isEqualTo(OrderStatus.FILLED));
  }

  @Test
  void aRestingOrderFillsAtTheStepBetweenTwoInputsBeforeALaterCancelArrives() {
    open(0.02, 0.021, 0.5);
    OrderIntent bid = place(OrderPolicy.POST_ONLY, 0.3, 0.0205, T0);
    venue.advanceTo(T0 + 50, reports);
    venue.update(UnderlyingEvent.of(optionTop(T0 + 50, 0.019, 0.02, 0.5, false)));
    venue.advanceTo(T0 + 90, reports);
    // Decided at T0 + 90, the cancel arrives at T0 + 110: after the exchange's step at T0 + 100
    // matched the order against the book that crossed it at T0 + 50.
    venue.submit(cancel(bid, T0 + 90));
    reports.clear();

    venue.advanceTo(T0 + 150, reports);

    assertThat(reports.fills)
        .singleElement()
        .satisfies(fill -> assertThat(fill.timestamp()).isEqualTo(T0 + 100));
    assertThat(reports.orders())
        .extracting(OrderReport::status)
        .containsExactly(OrderStatus.FILLED);
  }

  @Test
  void aStatusCheckReportsTheOrderAndACancelCancelsIt() {
    open(0.02, 0.021, 0.5);
    OrderIntent bid = place(OrderPolicy.POST_ONLY, 0.3, 0.0205, T0);
    venue.advanceTo(T0 + LATENCY, reports);
    String orderId = reports.orders().get(0).orderId();
    reports.clear();

    venue.submit(
        OrderIntent.checkStatus(
            OrderLabel.parse(bid.label()), OPTION, Side.BUY, "no news", T0 + 30));
    venue.submit(cancel(bid, T0 + 40));
    venue.advanceTo(T0 + 60, reports);

    assertThat(reports.orders())
        .containsExactly(
            new OrderReport(orderId, OPTION, bid.label(), OrderStatus.OPEN, 0, T0 + LATENCY),
            new OrderReport(orderId, OPTION, bid.label(), OrderStatus.CANCELLED, 0, T0 + 60));
    assertThat(reports.fills).isEmpty();
  }

  @Test
  void aStatusCheckOfALabelTheExchangeNeverSawReportsItRejected() {
    open(0.02, 0.021, 0.5);
    OrderLabel unknown = OrderLabel.first("BTC", 99, Leg.PUT);

    venue.submit(OrderIntent.checkStatus(unknown, OPTION, Side.BUY, "lost", T0));
    venue.advanceTo(T0 + LATENCY, reports);

    assertThat(reports.orders())
        .singleElement()
        .satisfies(
            order -> {
              assertThat(order.orderId()).isEqualTo("rejected:" + unknown.format());
              assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
            });
  }

  @Test
  void aStaleBookOffersNothing() {
    open(0.02, 0.021, 0.5);
    venue.update(UnderlyingEvent.of(MarketEvents.staleOptionTop(OPTION, T0)));
    place(OrderPolicy.IOC, 0.3, 0.03, T0);

    venue.advanceTo(T0 + LATENCY, reports);

    assertThat(reports.orders())
        .singleElement()
        .satisfies(
            order -> {
              assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
              assertThat(order.filledAmount()).isZero();
            });
    assertThat(reports.fills).isEmpty();
  }

  @Test
  void theSameInputsGiveTheSameEvents() {
    Reports first = tradeADay(venue(), new Reports());
    Reports second = tradeADay(venue(), new Reports());

    assertThat(first.fills).hasSize(2);
    assertThat(second.user).isEqualTo(first.user);
    assertThat(second.fills).isEqualTo(first.fills);
  }

  /** Places, rests, fills, cancels and gets refused on a fresh venue. */
  private static Reports tradeADay(SimulatedVenue fresh, Reports out) {
    fresh.advanceTo(T0, out);
    market(fresh, T0, 0.02, 0.021, 0.5);
    fresh.submit(placeIntent(1, OrderPolicy.IOC, 0.3, 0.021, T0));
    fresh.submit(placeIntent(2, OrderPolicy.POST_ONLY, 0.2, 0.0195, T0));
    fresh.submit(placeIntent(3, OrderPolicy.IOC, 0.1, 0.02101, T0));
    fresh.advanceTo(T0 + 70, out);
    fresh.update(UnderlyingEvent.of(optionTop(T0 + 70, 0.0185, 0.019, 0.5, false)));
    OrderIntent other = placeIntent(4, OrderPolicy.POST_ONLY, 0.2, 0.018, T0 + 70);
    fresh.submit(other);
    fresh.submit(cancel(other, T0 + 150));
    fresh.advanceTo(T0 + 400, out);
    return out;
  }

  private static SimulatedVenue venue() {
    return new SimulatedVenue("BTC", new SimulatedVenue.Settings(LATENCY));
  }

  /** Opens the account at T0 with the option's book at {@code bid} / {@code ask}. */
  private void open(double bid, double ask, double amount) {
    venue.advanceTo(T0, reports);
    market(venue, T0, bid, ask, amount);
    reports.clear();
  }

  /** Index, perpetual and the option's ticker and book. */
  private static void market(
      SimulatedVenue venue, long time, double bid, double ask, double amount) {
    venue.update(UnderlyingEvent.of(MarketEvents.perpTicker(time, 0.0001, 1e9, 0)));
    venue.update(UnderlyingEvent.of(MarketEvents.index(time, INDEX)));
    venue.update(
        UnderlyingEvent.of(MarketEvents.perpTop(time, INDEX - 0.5, INDEX + 0.5, 1e6, 1e6, false)));
    venue.update(
        UnderlyingEvent.of(OptionTicker.of(MarketEvents.optionTicker(OPTION, time, 36_480, 60))));
    venue.update(UnderlyingEvent.of(optionTop(time, bid, ask, amount, false)));
  }

  private static BookTop optionTop(
      long time, double bid, double ask, double amount, boolean stale) {
    return new BookTop(
        OPTION,
        "BTC",
        InstrumentKind.OPTION,
        time,
        bid,
        amount,
        ask,
        amount,
        amount,
        amount,
        stale,
        2 * amount,
        ask,
        bid,
        time * 1_000_000);
  }

  /** Sends a buy of the option to {@link #venue}. */
  private OrderIntent place(OrderPolicy policy, double amount, double price, long decidedAt) {
    OrderIntent intent = placeIntent(++decisions, policy, amount, price, decidedAt);
    venue.submit(intent);
    return intent;
  }

  /** A buy of the option as the order engine words it: the first child of {@code decision}. */
  private static OrderIntent placeIntent(
      long decision, OrderPolicy policy, double amount, double price, long decidedAt) {
    OrderAction action =
        new OrderAction(
            OrderAction.Kind.PLACE,
            OrderLabel.first("BTC", decision, Leg.CALL),
            OPTION,
            Side.BUY,
            amount,
            price,
            policy,
            false,
            "test");
    return OrderIntent.of(action, decidedAt, 0);
  }

  private static OrderIntent cancel(OrderIntent placed, long decidedAt) {
    OrderAction action =
        new OrderAction(
            OrderAction.Kind.CANCEL,
            OrderLabel.parse(placed.label()),
            placed.instrument(),
            placed.side(),
            Double.NaN,
            Double.NaN,
            null,
            false,
            "not filled in time");
    return OrderIntent.of(action, decidedAt, 0);
  }

  /** What the venue reported, in order. */
  private static final class Reports implements SimulatedVenue.Reports {
    final List<UserEvent> user = new ArrayList<>();
    final List<VenueFill> fills = new ArrayList<>();

    @Override
    public void user(UserEvent event) {
      user.add(event);
    }

    @Override
    public void fill(VenueFill fill) {
      fills.add(fill);
    }

    List<OrderReport> orders() {
      return user.stream().map(UserEvent::order).filter(Objects::nonNull).toList();
    }

    List<Fill> trades() {
      return user.stream().map(UserEvent::fill).filter(Objects::nonNull).toList();
    }

    List<AccountSnapshot> accounts() {
      return user.stream().map(UserEvent::account).filter(Objects::nonNull).toList();
    }

    void clear() {
      user.clear();
      fills.clear();
    }
  }
}
