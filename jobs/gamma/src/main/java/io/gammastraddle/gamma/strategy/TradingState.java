package io.gammastraddle.gamma.strategy;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.hedging.HedgeState;
import io.gammastraddle.orders.StraddleLegging;
import io.gammastraddle.orders.WorkingOrder;
import io.gammastraddle.positions.Positions;
import io.gammastraddle.risk.KillSwitch;
import io.gammastraddle.risk.ScenarioWindow;
import io.gammastraddle.strategy.PredictedParameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the strategy remembers about one underlying (one Deribit currency account), as the
 * operator's keyed state. A Flink POJO with public fields: the operator is its only writer, and its
 * serializer can add and drop fields across savepoints.
 */
public class TradingState {

  static final int SCENARIO_DAYS = 500;

  /**
   * The next decision's sequence number (labels are {@code gsb-{underlying}-{seq}-{leg}}); 0 until
   * the first decision, which starts it at its event time.
   */
  public long nextDecisionSeq;

  public Positions positions = new Positions();

  /** Time of the exchange's last positions snapshot: fills before it are in it. */
  public long positionsAsOf = Long.MIN_VALUE;

  public KillSwitch killSwitch = new KillSwitch();

  /** One-day scenarios for the historical VaR: about two years of them. */
  public ScenarioWindow scenarios = new ScenarioWindow(SCENARIO_DAYS);

  /** The straddle being bought, null when none. */
  public StraddleLegging entry;

  /** The entry's prediction: its take-profit and stop-loss go with the straddle. */
  public PredictedParameters entryPrediction;

  public List<Holding> holdings = new ArrayList<>();

  /** The perpetual order hedging delta, null when none is working. */
  public WorkingOrder hedge;

  public HedgeState hedgeState = HedgeState.initial();

  /** Latest tops of the books the strategy trades (the ATM legs, held legs, the perpetual). */
  public Map<String, BookTop> books = new HashMap<>();

  /** Latest tickers of the options the strategy trades: marks and Greeks. */
  public Map<String, OptionTicker> options = new HashMap<>();

  public FeatureVector vector;

  /** The latest prediction not yet acted on; its vector may still be on its way. */
  public PredictedParameters prediction;

  public AtmStraddle straddle;
  public double indexPrice = Double.NaN;
  public long indexTime;
  public double perpetualMark = Double.NaN;

  /** The account's equity in coin (Deribit's {@code user.portfolio}), NaN until it is known. */
  public double equityCoin = Double.NaN;

  /** The UTC day and prices of the last scenario taken for the historical VaR. */
  public long scenarioDay = Long.MIN_VALUE;

  public double scenarioPrice = Double.NaN;
  public double scenarioVol = Double.NaN;
  public long lastStatusAt = Long.MIN_VALUE;

  /** The reasons of the last risk rejection alerted, empty after an approval. */
  public String lastRejection = "";
}
