package io.gammastraddle.gamma.alerts;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * One alert pattern's CEP operator, as the job builds it ({@link AlertGraph#detect}), followed by
 * the cooldown, each on Flink's keyed harness. The test moves processing time, on both at once;
 * every alert the pattern raises goes on to the cooldown at that time.
 */
final class AlertHarness implements AutoCloseable {

  private static final TypeInformation<Signal> SIGNAL = TypeInformation.of(Signal.class);

  private final KeyedOneInputStreamOperatorTestHarness<String, Signal, Alert> pattern;
  private final KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> cooldown;
  private int forwarded;

  private AlertHarness(
      KeyedOneInputStreamOperatorTestHarness<String, Signal, Alert> pattern,
      KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> cooldown) {
    this.pattern = pattern;
    this.cooldown = cooldown;
  }

  /**
   * {@code pattern}'s operator and a cooldown of {@code cooldown}, with the clock at {@code now}.
   */
  static AlertHarness of(AlertPattern alertPattern, Duration cooldown, long now) throws Exception {
    return of(alertPattern, cooldown, now, null);
  }

  /** The same, the pattern's operator restored from {@code saved} (null for a fresh one). */
  static AlertHarness of(
      AlertPattern alertPattern, Duration cooldown, long now, OperatorSubtaskState saved)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    var detect =
        AlertGraph.detect(
            env.fromData(List.of(new Signal(Signal.Kind.FEED_PULSE, "BTC", 0, "")), SIGNAL),
            alertPattern);
    var transformation = (OneInputTransformation<Signal, Alert>) detect.getTransformation();
    var patternHarness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            transformation.getOperatorFactory(),
            Signal::subject,
            Types.STRING,
            SIGNAL.createSerializer(new SerializerConfigImpl()));
    var cooldownHarness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new AlertCooldown(cooldown), AlertCooldown::key, Types.STRING);
    AlertHarness harness = new AlertHarness(patternHarness, cooldownHarness);
    patternHarness.setup();
    if (saved != null) {
      patternHarness.initializeState(saved);
    }
    patternHarness.open();
    harness.at(now);
    return harness;
  }

  /** Moves processing time to {@code time}: the pattern's timers fire. */
  void at(long time) throws Exception {
    cooldown.setProcessingTime(time);
    pattern.setProcessingTime(time);
    forward();
  }

  /** {@code signal} arrives now. */
  void send(Signal signal) throws Exception {
    pattern.processElement(signal, signal.timestamp());
    forward();
  }

  /** A snapshot of the pattern's operator, as a checkpoint takes it. */
  OperatorSubtaskState snapshot() throws Exception {
    return pattern.snapshot(1, pattern.getProcessingTime());
  }

  /** Every alert the pattern raised. */
  List<Alert> raised() {
    return pattern.extractOutputValues();
  }

  /** The alerts the cooldown let through. */
  List<Alert> delivered() {
    return cooldown.extractOutputValues();
  }

  private void forward() throws Exception {
    List<Alert> raised = raised();
    for (; forwarded < raised.size(); forwarded++) {
      Alert alert = raised.get(forwarded);
      cooldown.processElement(alert, alert.timestamp());
    }
  }

  @Override
  public void close() throws Exception {
    pattern.close();
    cooldown.close();
  }
}
