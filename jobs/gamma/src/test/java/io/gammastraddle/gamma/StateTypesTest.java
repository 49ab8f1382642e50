package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.book.BookState;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.MarketEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * Every type that crosses operators or lives in state must get Flink's POJO serializer, which
 * evolves with the type; a generic (Kryo) type would make savepoints brittle, and the job refuses
 * generic types at run time.
 */
class StateTypesTest {

  @Test
  void eventAndStateTypesArePojos() {
    for (Class<?> type :
        new Class<?>[] {
          MarketEvent.class,
          DeadLetter.class,
          BookTop.class,
          BookState.class,
          FeatureVector.class,
          UnderlyingFeatures.class
        }) {
      assertThat(TypeInformation.of(type))
          .as(type.getSimpleName())
          .isInstanceOf(PojoTypeInfo.class);
    }
  }
}
