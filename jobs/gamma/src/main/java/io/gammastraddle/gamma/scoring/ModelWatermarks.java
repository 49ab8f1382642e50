package io.gammastraddle.gamma.scoring;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of the {@code gsb.models} source: bundles carry no event time, so their watermark is
 * the end of time and this input never holds back the scoring operator's event time, however rarely
 * bundles arrive.
 */
public class ModelWatermarks implements WatermarkStrategy<ModelUpdate> {

  @Override
  public WatermarkGenerator<ModelUpdate> createWatermarkGenerator(
      WatermarkGeneratorSupplier.Context context) {
    return new WatermarkGenerator<>() {
      @Override
      public void onEvent(ModelUpdate update, long timestamp, WatermarkOutput output) {}

      @Override
      public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
      }
    };
  }
}
