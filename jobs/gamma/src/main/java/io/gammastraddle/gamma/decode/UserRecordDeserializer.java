package io.gammastraddle.gamma.decode;

import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.user.UserDecoder;
import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.gamma.strategy.StrategyInput;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.positions.ContractType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes {@code deribit.user.raw} records (orders, our trades, the account, the exchange's
 * positions) into strategy inputs keyed by currency. A record that cannot be decoded becomes a dead
 * letter with its reason, whole: none of its events reaches the strategy, as {@link UserDecoder}
 * refuses a message whole.
 */
public class UserRecordDeserializer implements KafkaRecordDeserializationSchema<StrategyInput> {

  private static final UserDecoder DECODER = new UserDecoder();

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<StrategyInput> out) {
    String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    List<UserEvent> events = new ArrayList<>();
    try {
      DECODER.decode(value, events::add);
    } catch (MalformedMessageException e) {
      out.collect(StrategyInput.of(deadLetter(record, e.getMessage(), value)));
      return;
    }
    for (UserEvent event : events) {
      out.collect(StrategyInput.of(currency(event), event));
    }
  }

  private static String currency(UserEvent event) {
    if (event.account() != null) {
      return event.account().currency();
    }
    if (event.positions() != null) {
      return event.positions().currency();
    }
    String instrument =
        event.fill() != null ? event.fill().instrument() : event.order().instrument();
    return ContractType.currencyOf(instrument);
  }

  private static DeadLetter deadLetter(
      ConsumerRecord<byte[], byte[]> record, String reason, String payload) {
    return new DeadLetter(record.topic(), record.partition(), record.offset(), reason, payload);
  }

  @Override
  public TypeInformation<StrategyInput> getProducedType() {
    return TypeInformation.of(StrategyInput.class);
  }
}
