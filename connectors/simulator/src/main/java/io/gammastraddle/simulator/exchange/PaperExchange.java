package io.gammastraddle.simulator.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A paper exchange speaking Deribit's private API: accounts, orders matched against a {@link
 * MarketView}'s visible books, fees, margin, positions, settlement at expiry, and the user-channel
 * events all of that produces. Pure logic, no networking; single-threaded (the server calls it from
 * one thread).
 *
 * <pre>{@code
 * PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
 * Reply reply = exchange.handle(clientId, "private/buy", params);   // result JSON or a DeribitError
 * reply.events().forEach(event -> send(event));                     // user.orders/trades/portfolio
 * List<UserEvent> fills = exchange.onMarketStep();                   // after every market step
 * exchange.cancelAll(clientId);                                      // cancel on disconnect
 * }</pre>
 *
 * <p>Accounts are created on first use with the settings' initial balances. Ids and timestamps come
 * from counters and {@link MarketView#nowMillis()}: the same calls on the same market give the same
 * replies and events.
 */
public final class PaperExchange {
  private static final Set<String> KINDS =
      Set.of("future", "option", "spot", "future_combo", "option_combo");

  /**
   * {@code get_order_history_by_currency}'s page size: "Number of requested items, default - 20,
   * maximum - 10000" (Deribit's parameter text as nautilus_deribit's
   * GetOrderHistoryByCurrencyParams quotes it; the by-instrument variant allows 1000).
   */
  private static final int DEFAULT_HISTORY_COUNT = 20;

  private static final int MAX_HISTORY_COUNT = 10_000;

  private static final Set<String> CHANGING_METHODS =
      Set.of(
          "private/buy",
          "private/sell",
          "private/edit",
          "private/cancel",
          "private/cancel_all",
          "private/cancel_all_by_currency",
          "private/cancel_by_label");

  private final MarketView market;
  private final ExchangeSettings settings;
  private final OrderEntry orderEntry;
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, String> lastPortfolios = new HashMap<>();

  public PaperExchange(MarketView market, ExchangeSettings settings) {
    this.market = market;
    this.settings = settings;
    this.orderEntry = new OrderEntry(market, settings.fees(), new Ids());
  }

  /**
   * Handles one private request of the authenticated {@code accountId}. Methods: {@code
   * private/buy}, {@code sell}, {@code edit}, {@code cancel}, {@code cancel_all}, {@code
   * cancel_all_by_currency}, {@code cancel_by_label}, {@code get_open_orders_by_currency}, {@code
   * get_order_history_by_currency}, {@code get_order_state}, {@code get_order_state_by_label},
   * {@code get_positions}, {@code get_account_summary}; anything else is {@code -32601 Method not
   * found}.
   */
  public Reply handle(String accountId, String method, JsonNode params) {
    Account account = account(accountId);
    Params request = new Params(params);
    Events events = new Events();
    try {
      String result =
          switch (method) {
            case "private/buy" -> orderEntry.place(account, Direction.BUY, request, events);
            case "private/sell" -> orderEntry.place(account, Direction.SELL, request, events);
            case "private/edit" -> orderEntry.edit(account, request, events);
            case "private/cancel" -> orderEntry.cancel(account, request.text("order_id"), events);
            case "private/cancel_all" -> cancel(account, order -> true, events);
            case "private/cancel_all_by_currency" ->
                cancel(account, inCurrency(account, request).and(ofKind(request)), events);
            case "private/cancel_by_label" ->
                cancel(account, withLabel(request).and(inAnyCurrency(account, request)), events);
            case "private/get_open_orders_by_currency" ->
                ordersJson(account.openOrders(inCurrency(account, request).and(ofKind(request))));
            case "private/get_order_history_by_currency" -> orderHistory(account, request);
            case "private/get_order_state" -> orderState(account, request.text("order_id"));
            case "private/get_order_state_by_label" ->
                ordersJson(account.orders(inCurrency(account, request).and(withLabel(request))));
            case "private/get_positions" -> positions(account, request);
            case "private/get_account_summary" -> accountSummary(account, request);
            default -> throw new Rejection(DeribitError.methodNotFound());
          };
      portfolioChanges(account, method, events);
      return Reply.success(result, events.list());
    } catch (Rejection rejection) {
      portfolioChanges(account, method, events);
      return Reply.failure(rejection.error(), events.list());
    }
  }

  /**
   * Advances the exchange to the market's current step: fills resting orders the market now
   * crosses, settles positions and cancels orders of every instrument that has delivered, and
   * reports each currency of each account whose portfolio changed (marks included).
   */
  public List<UserEvent> onMarketStep() {
    Events events = new Events();
    for (Account account : accounts.values()) {
      for (Order order : account.openOrders(order -> !delivered(order.instrument()))) {
        orderEntry.fillResting(account, order, events);
      }
      settle(account, events);
    }
    accounts.values().forEach(account -> portfolioChanges(account, events));
    return events.list();
  }

  /**
   * Cancels every open order of the account (reason {@code cancel_on_disconnect}): call when a
   * session with cancel-on-disconnect closes. An unknown account has nothing to cancel.
   */
  public List<UserEvent> cancelAll(String accountId) {
    Account account = accounts.get(accountId);
    if (account == null) {
      return List.of();
    }
    Events events = new Events();
    orderEntry.cancelAll(account, order -> true, "cancel_on_disconnect", events);
    portfolioChanges(account, events);
    return events.list();
  }

  /** The account, opened on first use; its opening portfolios count as already reported. */
  private Account account(String accountId) {
    Account account = accounts.get(accountId);
    if (account == null) {
      account =
          new Account(
              accountId, accounts.size() + 1, market.nowMillis(), settings.initialBalances());
      accounts.put(accountId, account);
      portfolioChanges(account, new Events());
    }
    return account;
  }

  private boolean delivered(InstrumentSpec instrument) {
    return market.deliveryPrice(instrument.name()).isPresent();
  }

  /**
   * Delivery: orders of delivered instruments are cancelled (reason {@code settlement}), their
   * positions cash-settled at the delivery price less the delivery fee.
   */
  private void settle(Account account, Events events) {
    orderEntry.cancelAll(account, order -> delivered(order.instrument()), "settlement", events);
    for (String currency : account.currencies()) {
      Ledger ledger = account.ledger(currency);
      for (Position position : ledger.positions().values()) {
        InstrumentSpec instrument = position.instrument();
        OptionalDouble deliveryPrice = market.deliveryPrice(instrument.name());
        if (deliveryPrice.isPresent()) {
          double price = deliveryPrice.getAsDouble();
          ledger =
              ledger.afterDelivery(
                  instrument,
                  price,
                  settings.fees().deliveryFee(instrument, Math.abs(position.size()), price));
        }
      }
      account.update(ledger);
    }
  }

  private void portfolioChanges(Account account, String method, Events events) {
    if (CHANGING_METHODS.contains(method)) {
      portfolioChanges(account, events);
    }
  }

  /** A portfolio event for each currency whose portfolio differs from the last one reported. */
  private void portfolioChanges(Account account, Events events) {
    for (String currency : account.currencies()) {
      String portfolio = ExchangeJson.text(ExchangeJson.portfolio(valuation(account, currency)));
      if (!portfolio.equals(lastPortfolios.put(account.id() + ' ' + currency, portfolio))) {
        events.portfolio(account, currency, portfolio);
      }
    }
  }

  private Valuation valuation(Account account, String currency) {
    return Valuation.of(
        account.ledger(currency), account.resting(currency, null), market, settings.fees());
  }

  private String positions(Account account, Params request) {
    Predicate<InstrumentSpec> kind = kind(request);
    ArrayNode positions = JsonNodeFactory.instance.arrayNode();
    String currency = currency(account, request.optionalText("currency").orElse("any"), true);
    for (String held : account.currencies()) {
      if (currency == null || currency.equals(held)) {
        valuation(account, held).positions().stream()
            .filter(value -> kind.test(value.position().instrument()))
            .forEach(value -> positions.add(ExchangeJson.position(value)));
      }
    }
    return ExchangeJson.text(positions);
  }

  private String accountSummary(Account account, Params request) {
    String currency = currency(account, request.text("currency"), false);
    return ExchangeJson.text(
        ExchangeJson.accountSummary(account, valuation(account, currency), settings));
  }

  /**
   * The {@code currency} parameter, upper-cased: one the account holds, or {@code any} (as {@code
   * null}) where the method allows it; {@code -32602} otherwise.
   */
  private static String currency(Account account, String value, boolean anyAllowed) {
    String currency = value.toUpperCase(Locale.ROOT);
    if (anyAllowed && currency.equals("ANY")) {
      return null;
    }
    if (!account.holds(currency)) {
      throw new Rejection(DeribitError.invalidParams("currency", "unknown currency " + value));
    }
    return currency;
  }

  /** Orders in the request's {@code currency} (required). */
  private static Predicate<Order> inCurrency(Account account, Params request) {
    String currency = currency(account, request.text("currency"), false);
    return order -> order.instrument().currency().equals(currency);
  }

  /** Orders in the request's {@code currency}, if it names one other than {@code any}. */
  private static Predicate<Order> inAnyCurrency(Account account, Params request) {
    String currency = currency(account, request.optionalText("currency").orElse("any"), true);
    return order -> currency == null || order.instrument().currency().equals(currency);
  }

  private static Predicate<Order> ofKind(Params request) {
    Predicate<InstrumentSpec> kind = kind(request);
    return order -> kind.test(order.instrument());
  }

  private static Predicate<Order> withLabel(Params request) {
    String label = request.text("label");
    return order -> order.label().equals(label);
  }

  /** The optional {@code kind} parameter: one of Deribit's kinds, or {@code any} (the default). */
  private static Predicate<InstrumentSpec> kind(Params request) {
    String kind = request.optionalText("kind").orElse("any");
    if (kind.equals("any")) {
      return instrument -> true;
    }
    if (!KINDS.contains(kind)) {
      throw new Rejection(DeribitError.invalidParams("kind", "unknown kind " + kind));
    }
    return instrument -> instrument.deribitKind().equals(kind);
  }

  /** The cancel-all family: cancels the matching open orders; the result is how many. */
  private String cancel(Account account, Predicate<Order> filter, Events events) {
    return Integer.toString(orderEntry.cancelAll(account, filter, "user_request", events));
  }

  private static String orderState(Account account, String orderId) {
    return ExchangeJson.text(
        ExchangeJson.order(
            account.order(orderId).orElseThrow(() -> new Rejection(DeribitError.orderNotFound()))));
  }

  /**
   * {@code private/get_order_history_by_currency}: the closed orders in {@code currency} (of {@code
   * kind}, default any), newest first, skipping {@code offset} (default 0), at most {@code count};
   * an order that closed without any fill only with {@code include_unfilled} (default false), as
   * Deribit documents the parameters. Open orders are not history: {@code
   * get_open_orders_by_currency} lists them. The account keeps its last {@value
   * Account#CLOSED_ORDERS_KEPT} closed orders, the most one page can hold.
   */
  private static String orderHistory(Account account, Params request) {
    Predicate<Order> wanted = inCurrency(account, request).and(ofKind(request));
    if (!request.flag("include_unfilled").orElse(false)) {
      wanted = wanted.and(order -> order.filledAmount() > 0);
    }
    int count = wholeNumber(request, "count", DEFAULT_HISTORY_COUNT, 1, MAX_HISTORY_COUNT);
    int offset = wholeNumber(request, "offset", 0, 0, Integer.MAX_VALUE);
    return ordersJson(account.closedOrders(wanted).stream().skip(offset).limit(count).toList());
  }

  /**
   * An optional whole-number parameter from {@code min} to {@code max}; -32602 naming it if not.
   */
  private static int wholeNumber(Params request, String name, int fallback, int min, int max) {
    OptionalDouble value = request.number(name);
    if (value.isEmpty()) {
      return fallback;
    }
    double number = value.getAsDouble();
    if (number != Math.rint(number) || number < min || number > max) {
      throw new Rejection(
          DeribitError.invalidParams(name, "must be a whole number from " + min + " to " + max));
    }
    return (int) number;
  }

  private static String ordersJson(List<Order> orders) {
    return ExchangeJson.text(ExchangeJson.orders(orders));
  }
}
