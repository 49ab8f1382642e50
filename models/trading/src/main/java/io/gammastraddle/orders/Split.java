package io.gammastraddle.orders;

import java.util.List;

/**
 * An amount cut into child orders by the depth the book shows now.
 *
 * @param children the child amounts, largest first, each valid for the instrument
 * @param remainder what the visible depth cannot absorb now: the amount minus the children
 * @param visibleDepth the amount resting on the opposite side at prices within the cap
 */
public record Split(List<Double> children, double remainder, double visibleDepth) {

  public Split {
    children = List.copyOf(children);
  }

  public boolean isEmpty() {
    return children.isEmpty();
  }
}
