package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.book.BookState;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionQuote;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.PercentileWindow;
import io.gammastraddle.features.PriceHistory;
import io.gammastraddle.features.RollingVwap;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.gamma.alerts.Alert;
import io.gammastraddle.gamma.alerts.LastDelivery;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.gamma.scoring.DriftWindow;
import io.gammastraddle.gamma.scoring.HealthWindow;
import io.gammastraddle.gamma.scoring.ModelStatus;
import io.gammastraddle.gamma.scoring.ModelUpdate;
import io.gammastraddle.gamma.scoring.PredictionEvent;
import io.gammastraddle.gamma.scoring.ScoringInput;
import io.gammastraddle.labels.Candidate;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.labels.Labeller;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.MarketEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type that crosses operators or lives in state must get Flink's POJO serializer, which
 * evolves with the type, down to its last nested field; a generic (Kryo) type would make savepoints
 * brittle, and the job refuses generic types at run time.
 */
class StateTypesTest {

  @ParameterizedTest
  @ValueSource(
      classes = {
        MarketEvent.class,
        DeadLetter.class,
        BookTop.class,
        BookState.class,
        FeatureVector.class,
        UnderlyingFeatures.class,
        UnderlyingEvent.class,
        OptionQuote.class,
        OptionTicker.class,
        Labeller.class,
        Candidate.class,
        LabelledSample.class,
        AtmStraddle.class,
        PercentileWindow.class,
        PriceHistory.class,
        RollingVwap.class,
        ScoringInput.class,
        ModelUpdate.class,
        PredictionEvent.class,
        HealthWindow.class,
        DriftWindow.class,
        ModelStatus.class,
        Alert.class,
        Signal.class,
        LastDelivery.class
      })
  void isAPojoWithoutGenericFields(Class<?> type) {
    TypeInformation<?> info = TypeInformation.of(type);

    assertThat(info).isInstanceOf(PojoTypeInfo.class);
    assertNoGenericField((PojoTypeInfo<?>) info, type.getSimpleName());
  }

  private static void assertNoGenericField(PojoTypeInfo<?> pojo, String path) {
    for (int i = 0; i < pojo.getArity(); i++) {
      String field = path + "." + pojo.getPojoFieldAt(i).getField().getName();
      TypeInformation<?> fieldType = pojo.getTypeAt(i);
      assertThat(fieldType).as(field).isNotInstanceOf(GenericTypeInfo.class);
      if (fieldType instanceof PojoTypeInfo<?> nested) {
        assertNoGenericField(nested, field);
      }
    }
  }
}
