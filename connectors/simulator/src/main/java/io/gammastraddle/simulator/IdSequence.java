package io.gammastraddle.simulator;

/** Hands out increasing ids, such as Deribit's exchange-wide trade ids. */
final class IdSequence {
  private long next;

  IdSequence(long first) {
    this.next = first;
  }

  long next() {
    return next++;
  }
}
