package io.gammastraddle.deribit.market;

/** A market-data message that cannot be decoded; the message says why, in one line. */
public class MalformedMessageException extends Exception {

  public MalformedMessageException(String reason) {
    super(reason);
  }
}
