package io.gammastraddle.simulator.exchange;

/**
 * A request the exchange refuses with a Deribit error; thrown from anywhere in a request's handling
 * and turned into the error reply by {@link PaperExchange}.
 */
final class Rejection extends RuntimeException {
  private final transient DeribitError error;

  Rejection(DeribitError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  DeribitError error() {
    return error;
  }
}
