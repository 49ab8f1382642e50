package io.gammastraddle.live;

import java.util.List;
import java.util.Map;

/**
 * What the live page shows, read from the live cache in Redis at one moment and sent to the page as
 * JSON ({@code GET /api/snapshot}). Hash fields are passed on as Redis holds them, strings, so a
 * value the job writes as {@code NaN} (not known yet) reaches the page unchanged.
 *
 * @param time when the snapshot was read, epoch ms (the x axis of the page's charts)
 * @param heartbeat the job's liveness, or null when {@code gsb:heartbeat} has expired
 * @param model {@code gsb:model:current}: the bundle the job trades with (empty before the first)
 * @param underlyings each underlying's view, in the order the page shows them
 * @param alerts the latest entries of the {@code gsb:alerts} stream, newest first
 */
record LiveSnapshot(
    long time,
    Heartbeat heartbeat,
    Map<String, String> model,
    Map<String, Underlying> underlyings,
    List<AlertEntry> alerts) {

  /**
   * {@code gsb:heartbeat}: the event time of the latest feature vector and how long until the key
   * expires if the job writes no other.
   */
  record Heartbeat(long eventTime, long expiresInSeconds) {}

  /**
   * One underlying's hashes: {@code gsb:features:U}, {@code gsb:prediction:U} (with the model's
   * health), {@code gsb:positions:U}, {@code gsb:chain:U} (the ATM straddle, its implied vol), and
   * its own fields of {@code gsb:greeks:portfolio} and {@code gsb:pnl} without the {@code U.}
   * prefix. A hash the job has not written yet is empty.
   */
  record Underlying(
      Map<String, String> features,
      Map<String, String> prediction,
      Map<String, String> positions,
      Map<String, String> chain,
      Map<String, String> greeks,
      Map<String, String> pnl) {}

  /** One entry of {@code gsb:alerts}: its stream id and its fields (type, subject, ts, message). */
  record AlertEntry(String id, Map<String, String> fields) {}
}
