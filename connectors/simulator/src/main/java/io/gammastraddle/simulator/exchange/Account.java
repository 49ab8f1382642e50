package io.gammastraddle.simulator.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One paper account: a ledger per currency, its open orders, and its most recent closed orders (the
 * last {@value #CLOSED_ORDERS_KEPT}, for {@code get_order_state}, label look-ups and the order
 * history; as many as Deribit's largest {@code get_order_history_by_currency} page).
 */
final class Account {
  static final int CLOSED_ORDERS_KEPT = 10_000;

  private final String id;
  private final int userId;
  private final long creationTimestamp;
  private final Map<String, Ledger> ledgers = new LinkedHashMap<>();
  private final Map<String, Order> openOrders = new LinkedHashMap<>();
  private final Map<String, Order> closedOrders =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
          return size() > CLOSED_ORDERS_KEPT;
        }
      };

  Account(String id, int userId, long creationTimestamp, Map<String, Double> initialBalances) {
    this.id = id;
    this.userId = userId;
    this.creationTimestamp = creationTimestamp;
    initialBalances.forEach((currency, balance) -> update(Ledger.opening(currency, balance)));
  }

  String id() {
    return id;
  }

  int userId() {
    return userId;
  }

  long creationTimestamp() {
    return creationTimestamp;
  }

  /** The currencies it holds a ledger in, in the order they were opened. */
  List<String> currencies() {
    return List.copyOf(ledgers.keySet());
  }

  boolean holds(String currency) {
    return ledgers.containsKey(currency);
  }

  /** The ledger of {@code currency}; a currency without an initial balance starts at 0. */
  Ledger ledger(String currency) {
    return ledgers.computeIfAbsent(currency, c -> Ledger.opening(c, 0));
  }

  void update(Ledger ledger) {
    ledgers.put(ledger.currency(), ledger);
  }

  /** An open or recently closed order. */
  Optional<Order> order(String orderId) {
    Order open = openOrders.get(orderId);
    return open != null ? Optional.of(open) : Optional.ofNullable(closedOrders.get(orderId));
  }

  /**
   * Open orders matching {@code filter}, oldest first (a copy: safe to change orders while
   * looping).
   */
  List<Order> openOrders(Predicate<Order> filter) {
    return openOrders.values().stream().filter(filter).toList();
  }

  /** Open and kept closed orders matching {@code filter}, oldest first. */
  List<Order> orders(Predicate<Order> filter) {
    List<Order> orders = new ArrayList<>(openOrders(filter));
    closedOrders.values().stream().filter(filter).forEach(orders::add);
    orders.sort(Comparator.comparingLong(Order::sequence));
    return orders;
  }

  /** Kept closed orders matching {@code filter}, newest (last created) first. */
  List<Order> closedOrders(Predicate<Order> filter) {
    return closedOrders.values().stream()
        .filter(filter)
        .sorted(Comparator.comparingLong(Order::sequence).reversed())
        .toList();
  }

  /** What rests of the open orders in {@code currency}, except {@code excluded} (may be null). */
  List<RestingOrder> resting(String currency, Order excluded) {
    return openOrders.values().stream()
        .filter(order -> order != excluded && order.instrument().currency().equals(currency))
        .map(Order::resting)
        .toList();
  }

  /** Files an order: open ones rest, others go to the closed orders at once. */
  void file(Order order) {
    if (order.isOpen()) {
      openOrders.put(order.id(), order);
    } else {
      openOrders.remove(order.id());
      closedOrders.put(order.id(), order);
    }
  }
}
