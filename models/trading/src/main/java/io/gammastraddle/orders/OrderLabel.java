package io.gammastraddle.orders;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic label of one exchange order (DESIGN section 9): {@code
 * gsb-{underlying}-{decisionSeq}-{leg}{child}}, for example {@code gsb-BTC-1042-c0} (the call of
 * decision 1042, first child) or {@code gsb-ETH-7-uc2} (the third order unwinding a call).
 *
 * <p>Grammar: {@code gsb-} then the underlying ({@code [A-Z0-9]{1,16}}), {@code -}, the decision
 * sequence (a non-negative {@code long} in decimal without leading zeros), {@code -}, the leg code
 * ({@link Leg#code()}, lower-case letters) and the child index (a non-negative {@code int}, no
 * leading zeros). Every order sent for a leg gets the next child index, whether it is a piece of a
 * split or a re-priced replacement, so no two exchange orders share a label. The longest label is
 * 53 characters, within Deribit's limit of 64 ("user defined label for the order (maximum 64
 * characters)", docs.deribit.com, private/buy and private/edit_by_label).
 *
 * <p>The same decision replayed after a restart yields the same labels, which lets the execution
 * sink ask the exchange by label ({@code private/get_order_state_by_label}) before sending again.
 */
public record OrderLabel(String underlying, long decisionSeq, Leg leg, int child) {

  /** Deribit's limit on a label's length. */
  public static final int MAX_LENGTH = 64;

  private static final String PREFIX = "gsb-";
  private static final Pattern UNDERLYING = Pattern.compile("[A-Z0-9]{1,16}");
  private static final Pattern GRAMMAR =
      Pattern.compile("gsb-([A-Z0-9]{1,16})-(0|[1-9][0-9]*)-([a-z]+)(0|[1-9][0-9]*)");

  public OrderLabel {
    Objects.requireNonNull(underlying, "underlying");
    Objects.requireNonNull(leg, "leg");
    if (!UNDERLYING.matcher(underlying).matches()) {
      throw new IllegalArgumentException(
          "Underlying must be 1 to 16 upper-case letters or digits: '" + underlying + "'");
    }
    if (decisionSeq < 0) {
      throw new IllegalArgumentException("Decision sequence must not be negative: " + decisionSeq);
    }
    if (child < 0) {
      throw new IllegalArgumentException("Child index must not be negative: " + child);
    }
  }

  /** The first child of {@code leg} for decision {@code decisionSeq}. */
  public static OrderLabel first(String underlying, long decisionSeq, Leg leg) {
    return new OrderLabel(underlying, decisionSeq, leg, 0);
  }

  /** This label with another child index. */
  public OrderLabel withChild(int newChild) {
    return new OrderLabel(underlying, decisionSeq, leg, newChild);
  }

  /** This decision's label for another leg, first child. */
  public OrderLabel forLeg(Leg otherLeg) {
    return new OrderLabel(underlying, decisionSeq, otherLeg, 0);
  }

  /** Whether {@code other} labels an order of the same decision and leg (any child). */
  public boolean sameLegAs(OrderLabel other) {
    return underlying.equals(other.underlying)
        && decisionSeq == other.decisionSeq
        && leg == other.leg;
  }

  /** The label as sent to the exchange. */
  public String format() {
    return PREFIX + underlying + "-" + decisionSeq + "-" + leg.code() + child;
  }

  /**
   * Reads a label written by {@link #format()}.
   *
   * @throws IllegalArgumentException naming what is wrong when {@code label} is not such a label
   *     (for example an order placed by hand, which the sink must leave alone)
   */
  public static OrderLabel parse(String label) {
    if (label == null) {
      throw new IllegalArgumentException("Not an order label: null");
    }
    if (label.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Not an order label: " + label.length() + " characters, more than " + MAX_LENGTH);
    }
    Matcher matcher = GRAMMAR.matcher(label);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "Not an order label: '"
              + label
              + "' does not read gsb-{UNDERLYING}-{decisionSeq}-{leg}{child}");
    }
    Leg leg = legOf(matcher.group(3), label);
    try {
      return new OrderLabel(
          matcher.group(1),
          Long.parseLong(matcher.group(2)),
          leg,
          Integer.parseInt(matcher.group(4)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Not an order label: '" + label + "' has a sequence or child index out of range", e);
    }
  }

  private static Leg legOf(String code, String label) {
    for (Leg leg : Leg.values()) {
      if (leg.code().equals(code)) {
        return leg;
      }
    }
    throw new IllegalArgumentException(
        "Not an order label: '" + label + "' has no leg with code '" + code + "'");
  }

  @Override
  public String toString() {
    return format();
  }
}
