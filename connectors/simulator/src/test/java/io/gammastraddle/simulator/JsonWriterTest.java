package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private final JsonWriter json = new JsonWriter();

  @Test
  void writesDecimalsTheWayDeribitPrintsThem() {
    String written =
        json.beginArray()
            .value(60000.5, 1)
            .value(20, 1)
            .value(0.0085, 4)
            .value(0.00001, 5)
            .value(-0.48409, 5)
            .value(-0.5, 2)
            .value(0, 8)
            .value(1.23456789, 2)
            .value(0.3, 1)
            .endArray()
            .take();

    assertThat(written).isEqualTo("[60000.5,20.0,0.0085,0.00001,-0.48409,-0.5,0.0,1.23,0.3]");
  }

  @Test
  void placesCommasBetweenFieldsAndNestedContainers() {
    String written =
        json.beginObject()
            .field("a", 1)
            .beginArray("b")
            .beginArray()
            .value("new")
            .value(1.5, 1)
            .endArray()
            .beginArray()
            .endArray()
            .endArray()
            .beginObject("c")
            .endObject()
            .field("d", true)
            .rawField("e", "{\"x\":null}")
            .endObject()
            .take();

    assertThat(Fixtures.parse(written).toString()).isEqualTo(written);
    assertThat(written)
        .isEqualTo("{\"a\":1,\"b\":[[\"new\",1.5],[]],\"c\":{},\"d\":true,\"e\":{\"x\":null}}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    String written = json.beginObject().field("k", "a\"b\\c\nd").endObject().take();

    assertThat(Fixtures.parse(written).get("k").asText()).isEqualTo("a\"b\\c\nd");
  }

  @Test
  void refusesNumbersJsonCannotHold() {
    assertThatThrownBy(() -> json.value(Double.NaN, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void startsAFreshDocumentAfterTake() {
    json.beginObject().field("a", 1).endObject().take();

    assertThat(json.beginObject().field("b", 2).endObject().take()).isEqualTo("{\"b\":2}");
  }
}
