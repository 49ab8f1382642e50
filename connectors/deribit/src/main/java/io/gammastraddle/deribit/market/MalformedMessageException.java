package io.gammastraddle.deribit.market;

/**
 * A Deribit message (market data or the account's user channels) that cannot be decoded; the
 * message says why, in one line.
 */
public class MalformedMessageException extends Exception {

  public MalformedMessageException(String reason) {
    super(reason);
  }
}
