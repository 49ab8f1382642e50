package io.gammastraddle.gamma;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.MarketEvent;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;

/**
 * Where the job reads and writes. Live, replay, tests and the benchmark build the same graph and
 * differ only here.
 *
 * @param market decoded market data (the source assigns no watermarks; the job does)
 * @param featuresToKafka feature vectors for {@code gsb.features}
 * @param featuresToCache feature vectors for the Redis live cache
 * @param straddlesToCache the chain's at-the-money straddles for the Redis live cache
 * @param samplesToKafka labelled training samples for {@code gsb.samples}
 * @param deadLetters undecodable input for {@code gsb.dlq}
 */
public record JobEndpoints(
    Source<MarketEvent, ?, ?> market,
    Sink<FeatureVector> featuresToKafka,
    Sink<FeatureVector> featuresToCache,
    Sink<AtmStraddle> straddlesToCache,
    Sink<LabelledSample> samplesToKafka,
    Sink<DeadLetter> deadLetters) {}
