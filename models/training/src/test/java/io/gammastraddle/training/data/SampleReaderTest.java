package io.gammastraddle.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleReaderTest {

  private static String sample(String underlying, long entry, int schema, String features) {
    return "{\"underlying\":\""
        + underlying
        + "\",\"entry_ts\":"
        + entry
        + ",\"end_ts\":"
        + (entry + 100)
        + ",\"call\":\"C\",\"put\":\"P\",\"schema_version\":"
        + schema
        + ",\"features\":"
        + features
        + ",\"premium_usd\":10,\"max_favourable\":0.3,\"max_adverse\":0.1,\"hedged_pnl\":0.05,"
        + "\"marks\":3}";
  }

  @Test
  void readsSamplesOfItsSchemaInEntryOrderOnceEach() {
    SampleReader reader = new SampleReader(2, List.of("a", "b"));
    reader.accept(sample("BTC", 2_000, 2, "{\"a\":1,\"b\":null}"));
    reader.accept(sample("ETH", 1_000, 2, "{\"b\":3,\"a\":4}"));
    reader.accept(sample("BTC", 2_000, 2, "{\"a\":1,\"b\":null}"));
    reader.accept(sample("BTC", 500, 1, "{\"x\":1}"));

    List<TrainingSample> samples = reader.samples();
    assertThat(samples).extracting(TrainingSample::entryTime).containsExactly(1_000L, 2_000L);
    assertThat(samples.get(0).features()).containsExactly(4, 3);
    assertThat(samples.get(1).features()[1]).isNaN();
    assertThat(samples.get(1).endTime()).isEqualTo(2_100);
    assertThat(samples.get(1).maxFavourable()).isEqualTo(0.3);
    assertThat(reader.otherSchema()).isOne();
  }

  @Test
  void refusesASampleMissingAFeatureOrAField() {
    SampleReader reader = new SampleReader(2, List.of("a", "b"));

    assertThatThrownBy(() -> reader.accept(sample("BTC", 1, 2, "{\"a\":1}")))
        .hasMessageContaining("no feature b");
    assertThatThrownBy(() -> reader.accept("{\"schema_version\":2}"))
        .hasMessageContaining("no features");
    assertThatThrownBy(() -> reader.accept("{oops")).isInstanceOf(IllegalArgumentException.class);
  }
}
