package io.gammastraddle.gamma.strategy;

import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.scoring.PredictionEvent;
import io.gammastraddle.market.DeadLetter;

/**
 * One input of the strategy operator, exactly one field set: market data of the underlying, a
 * prediction, an event of the underlying's account, or an operator's command. A union record, so
 * Flink serializes it field by field (see {@link UnderlyingEvent}).
 *
 * <p>Undecodable account and control records ride in {@code deadLetter} from the source to the
 * dead-letter sink and never reach the operator.
 *
 * @param underlying the key: the underlying, which is also the Deribit currency of its account
 */
public record StrategyInput(
    String underlying,
    UnderlyingEvent market,
    PredictionEvent prediction,
    UserEvent user,
    ControlCommand control,
    DeadLetter deadLetter) {

  public static StrategyInput of(UnderlyingEvent market) {
    return new StrategyInput(market.underlying(), market, null, null, null, null);
  }

  public static StrategyInput of(PredictionEvent prediction) {
    return new StrategyInput(prediction.underlying(), null, prediction, null, null, null);
  }

  public static StrategyInput of(String currency, UserEvent user) {
    return new StrategyInput(currency, null, null, user, null, null);
  }

  public static StrategyInput of(ControlCommand control) {
    return new StrategyInput(control.underlying(), null, null, null, control, null);
  }

  /** An account or control record that could not be decoded: it goes to the dead-letter topic. */
  public static StrategyInput of(DeadLetter deadLetter) {
    return new StrategyInput("", null, null, null, null, deadLetter);
  }
}
