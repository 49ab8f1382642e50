package io.gammastraddle.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code gsb.samples} values (docs/ml.md) into training samples of one feature schema:
 * samples of another schema version are skipped and counted, a sample seen twice (the sink is
 * at-least-once) is kept once, and the result is in entry-time order, as cross-validation needs.
 */
public final class SampleReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int schemaVersion;
  private final List<String> featureNames;
  private final Map<String, TrainingSample> samples = new LinkedHashMap<>();
  private long otherSchema;

  public SampleReader(int schemaVersion, List<String> featureNames) {
    this.schemaVersion = schemaVersion;
    this.featureNames = List.copyOf(featureNames);
  }

  /**
   * Takes one {@code gsb.samples} value.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public void accept(String value) {
    parse(value)
        .ifPresentOrElse(
            sample -> samples.put(sample.underlying() + "@" + sample.entryTime(), sample),
            () -> otherSchema++);
  }

  /**
   * Reads one {@code gsb.samples} value without keeping it.
   *
   * @return the sample, or empty when it was made with another feature schema
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public Optional<TrainingSample> parse(String value) {
    JsonNode json;
    try {
      json = JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON sample: " + e.getMessage(), e);
    }
    if (required(json, "schema_version").asInt() != schemaVersion) {
      return Optional.empty();
    }
    JsonNode features = required(json, "features");
    double[] row = new double[featureNames.size()];
    for (int i = 0; i < row.length; i++) {
      JsonNode feature = features.get(featureNames.get(i));
      if (feature == null) {
        throw new IllegalArgumentException("sample has no feature " + featureNames.get(i));
      }
      row[i] = feature.isNull() ? Double.NaN : feature.asDouble();
    }
    return Optional.of(
        new TrainingSample(
            required(json, "underlying").asText(),
            required(json, "entry_ts").asLong(),
            required(json, "end_ts").asLong(),
            row,
            required(json, "max_favourable").asDouble(),
            required(json, "max_adverse").asDouble(),
            required(json, "hedged_pnl").asDouble()));
  }

  private static JsonNode required(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("sample has no " + field);
    }
    return node;
  }

  /** The distinct samples, by entry time (then underlying). */
  public List<TrainingSample> samples() {
    List<TrainingSample> sorted = new ArrayList<>(samples.values());
    sorted.sort(
        Comparator.comparingLong(TrainingSample::entryTime)
            .thenComparing(TrainingSample::underlying));
    return sorted;
  }

  /** Samples skipped because they were made with another feature schema. */
  public long otherSchema() {
    return otherSchema;
  }
}
