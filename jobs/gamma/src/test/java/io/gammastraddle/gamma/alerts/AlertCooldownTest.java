package io.gammastraddle.gamma.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertCooldownTest {

  private static final long T0 = 1_800_000_000_000L;

  private KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new AlertCooldown(Duration.ofSeconds(300)), AlertCooldown::key, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void holdsBackRepeatsOfATypeAndSubjectAndCountsThemInTheNextDelivered() throws Exception {
    send(T0, "book_gaps", "BTC", "first");
    send(T0 + 10_000, "book_gaps", "BTC", "second");
    send(T0 + 20_000, "book_gaps", "ETH", "another subject");
    send(T0 + 30_000, "order_rejects", "BTC", "another type");
    send(T0 + 299_999, "book_gaps", "BTC", "third");

    assertThat(state("book_gaps BTC")).isEqualTo(new LastDelivery(T0, 2));

    send(T0 + 300_000, "book_gaps", "BTC", "fourth");
    send(T0 + 300_001, "book_gaps", "BTC", "fifth");

    assertThat(harness.extractOutputValues())
        .extracting(Alert::message)
        .containsExactly(
            "first",
            "another subject",
            "another type",
            "fourth (2 more held back by the 300 s cooldown since 2027-01-15T08:00:00Z)");
    assertThat(state("book_gaps BTC")).isEqualTo(new LastDelivery(T0 + 300_000, 1));
  }

  private void send(long now, String type, String subject, String message) throws Exception {
    harness.setProcessingTime(now);
    harness.processElement(new Alert(type, subject, now, message), now);
  }

  private LastDelivery state(String key) throws Exception {
    harness.getOperator().setCurrentKey(key);
    return harness
        .getOperator()
        .getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, AlertCooldown.STATE)
        .value();
  }
}
