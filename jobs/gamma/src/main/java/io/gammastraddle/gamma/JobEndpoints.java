package io.gammastraddle.gamma;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.gamma.alerts.Alert;
import io.gammastraddle.gamma.alerts.WebhookSink;
import io.gammastraddle.gamma.scoring.ModelStatus;
import io.gammastraddle.gamma.scoring.ModelUpdate;
import io.gammastraddle.gamma.scoring.PredictionEvent;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.MarketEvent;
import java.util.List;
import java.util.Map;
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
 * @param models model bundles from {@code gsb.models}, read from the start (compacted)
 * @param predictionsToKafka predictions for {@code gsb.predictions}
 * @param predictionsToCache predictions for the Redis live cache
 * @param modelToCache the bundle in use, for the Redis live cache
 * @param alertsToKafka alerts for {@code gsb.alerts}
 * @param alertsToCache alerts for the Redis stream
 * @param alertsToWebhooks the alert patterns' alerts, after the cooldown, for chats; often none
 */
public record JobEndpoints(
    Source<MarketEvent, ?, ?> market,
    Sink<FeatureVector> featuresToKafka,
    Sink<FeatureVector> featuresToCache,
    Sink<AtmStraddle> straddlesToCache,
    Sink<LabelledSample> samplesToKafka,
    Sink<DeadLetter> deadLetters,
    Source<ModelUpdate, ?, ?> models,
    Sink<PredictionEvent> predictionsToKafka,
    Sink<PredictionEvent> predictionsToCache,
    Sink<ModelStatus> modelToCache,
    Sink<Alert> alertsToKafka,
    Sink<Alert> alertsToCache,
    List<WebhookSink> alertsToWebhooks) {

  /**
   * These endpoints with the alert webhooks {@code env} configures ({@link
   * WebhookSink#configured}): only a deployment's entry points pass the process environment, so a
   * test or a benchmark never posts to a real chat.
   */
  public JobEndpoints withWebhooksOf(Map<String, String> env, String telegramApi) {
    return new JobEndpoints(
        market,
        featuresToKafka,
        featuresToCache,
        straddlesToCache,
        samplesToKafka,
        deadLetters,
        models,
        predictionsToKafka,
        predictionsToCache,
        modelToCache,
        alertsToKafka,
        alertsToCache,
        WebhookSink.configured(env, telegramApi));
  }
}
