package io.gammastraddle.simulator.exchange;

import java.util.Arrays;

/**
 * One paper order and its life: open while it rests, then filled or cancelled. Changed only by
 * {@link OrderEntry} on the exchange's thread.
 */
final class Order {

  /** Order types the exchange supports. */
  enum Type {
    LIMIT("limit"),
    MARKET("market");

    private final String deribitName;

    Type(String deribitName) {
      this.deribitName = deribitName;
    }

    String deribitName() {
      return deribitName;
    }

    static Type parse(String name) {
      return Arrays.stream(values())
          .filter(type -> type.deribitName.equals(name))
          .findFirst()
          .orElseThrow(
              () ->
                  new Rejection(
                      DeribitError.invalidParams(
                          "type", "the simulator trades limit and market orders only")));
    }
  }

  /** Deribit's {@code time_in_force} values. */
  enum TimeInForce {
    GOOD_TIL_CANCELLED("good_til_cancelled"),
    GOOD_TIL_DAY("good_til_day"),
    FILL_OR_KILL("fill_or_kill"),
    IMMEDIATE_OR_CANCEL("immediate_or_cancel");

    private final String deribitName;

    TimeInForce(String deribitName) {
      this.deribitName = deribitName;
    }

    String deribitName() {
      return deribitName;
    }

    /** Whether what does not fill at once rests in the book (good-til-day rests like GTC here). */
    boolean rests() {
      return this == GOOD_TIL_CANCELLED || this == GOOD_TIL_DAY;
    }

    static TimeInForce parse(String name) {
      return Arrays.stream(values())
          .filter(timeInForce -> timeInForce.deribitName.equals(name))
          .findFirst()
          .orElseThrow(
              () -> new Rejection(DeribitError.invalidParams("time_in_force", "unknown value")));
    }
  }

  /** Deribit's {@code order_state} values an order can reach here. */
  enum State {
    OPEN("open"),
    FILLED("filled"),
    CANCELLED("cancelled");

    private final String deribitName;

    State(String deribitName) {
      this.deribitName = deribitName;
    }

    String deribitName() {
      return deribitName;
    }
  }

  private final long sequence;
  private final String id;
  private final OrderRequest request;
  private final long creationTimestamp;
  private double price;
  private double amount;
  private boolean postOnly;
  private boolean rejectPostOnly;
  private double filledAmount;
  private double averagePrice;
  private State state = State.OPEN;
  private long lastUpdateTimestamp;
  private boolean replaced;
  private String cancelReason;

  /**
   * @param sequence exchange-wide creation order
   * @param id Deribit-style order id ({@code BTC-17})
   * @param price the price it rests at or the market order's reported price
   */
  Order(long sequence, String id, OrderRequest request, double price, long now) {
    this.sequence = sequence;
    this.id = id;
    this.request = request;
    this.price = price;
    this.amount = request.amount();
    this.postOnly = request.postOnly();
    this.rejectPostOnly = request.rejectPostOnly();
    this.creationTimestamp = now;
    this.lastUpdateTimestamp = now;
  }

  long sequence() {
    return sequence;
  }

  String id() {
    return id;
  }

  InstrumentSpec instrument() {
    return request.instrument();
  }

  Direction direction() {
    return request.direction();
  }

  Type type() {
    return request.type();
  }

  TimeInForce timeInForce() {
    return request.timeInForce();
  }

  String label() {
    return request.label();
  }

  boolean reduceOnly() {
    return request.reduceOnly();
  }

  boolean postOnly() {
    return postOnly;
  }

  boolean rejectPostOnly() {
    return rejectPostOnly;
  }

  double price() {
    return price;
  }

  double amount() {
    return amount;
  }

  double filledAmount() {
    return filledAmount;
  }

  double averagePrice() {
    return averagePrice;
  }

  double remaining() {
    return Quantities.clean(amount - filledAmount);
  }

  State state() {
    return state;
  }

  boolean isOpen() {
    return state == State.OPEN;
  }

  long creationTimestamp() {
    return creationTimestamp;
  }

  long lastUpdateTimestamp() {
    return lastUpdateTimestamp;
  }

  boolean replaced() {
    return replaced;
  }

  /** Why it was cancelled ({@code user_request}, {@code settlement}, ...), or {@code null}. */
  String cancelReason() {
    return cancelReason;
  }

  /** What of it still rests in the book, for margin. */
  RestingOrder resting() {
    return new RestingOrder(instrument(), direction(), price, remaining(), reduceOnly());
  }

  void fill(double fillPrice, double fillAmount, long now) {
    double filled = Quantities.clean(filledAmount + fillAmount);
    averagePrice = (averagePrice * filledAmount + fillPrice * fillAmount) / filled;
    filledAmount = filled;
    lastUpdateTimestamp = now;
    if (remaining() == 0) {
      state = State.FILLED;
    }
  }

  /** An edit: new price and amount (not below what filled), post-only flags as now requested. */
  void amend(
      double newPrice, double newAmount, boolean newPostOnly, boolean newRejectPostOnly, long now) {
    price = newPrice;
    amount = newAmount;
    postOnly = newPostOnly;
    rejectPostOnly = newRejectPostOnly;
    replaced = true;
    lastUpdateTimestamp = now;
    if (remaining() == 0) {
      state = State.FILLED;
    }
  }

  /** Cancels what is left; {@code reason} may be {@code null} (an IOC or market remainder). */
  void cancel(String reason, long now) {
    state = State.CANCELLED;
    cancelReason = reason;
    lastUpdateTimestamp = now;
  }
}
