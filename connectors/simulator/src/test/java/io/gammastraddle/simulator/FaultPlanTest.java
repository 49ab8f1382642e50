package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.simulator.exchange.PaperExchange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault plan's bookkeeping, without sockets: what it withholds, rejects and when it disarms.
 */
class FaultPlanTest {
  private static final String BTC_BOOK = "book.BTC-PERPETUAL.100ms";

  private static final SimulatedMarket MARKET = new SimulatedMarket(1, 1_700_000_000_000L);
  private static final ServerOptions OPTIONS = ServerOptions.defaults();

  private final FaultPlan plan =
      new FaultPlan(
          new RequestHandler(
              MARKET,
              new PaperExchange(MARKET.view(), OPTIONS.exchange()),
              new Subscriptions(),
              OPTIONS));
  // rejections never touch the connection
  private final Session session = new Session(null, 10, new RateMeter(OPTIONS.rateLimits(), 0));

  @Test
  void nothingIsArmedAtFirst() {
    assertThat(plan.armed()).isFalse();
    assertThat(plan.withholds(new Notification(BTC_BOOK, "{}"))).isFalse();
    assertThat(plan.intercept(session, request("public/test", 1), 0)).isNull();
  }

  @Test
  void withholdsTheNextChangesOfThatBookOnlyThenDisarms() {
    plan.skipChanges(BTC_BOOK, 2);
    Notification btc = new Notification(BTC_BOOK, "{}");
    Notification eth = new Notification("book.ETH-PERPETUAL.100ms", "{}");

    assertThat(plan.withholds(eth)).isFalse();
    assertThat(plan.withholds(btc)).isTrue();
    assertThat(plan.withholds(btc)).isTrue();
    assertThat(plan.withholds(btc)).isFalse();
    assertThat(plan.armed()).isFalse();
    assertThat(plan.count(Fault.SKIPPED_CHANGE)).isEqualTo(2);
  }

  @Test
  void rejectsTheNextRequestOfTheMethodInDeribitsErrorEnvelopeThenDisarms() {
    plan.reject("public/get_time", 10028, "too_many_requests", 1);

    assertThat(plan.intercept(session, request("public/test", 1), 5)).isNull();
    List<String> rejected = plan.intercept(session, request("public/get_time", 7), 5);

    assertThat(rejected).hasSize(1);
    JsonNode error = Fixtures.parse(rejected.get(0));
    assertThat(error.get("id").asInt()).isEqualTo(7);
    assertThat(error.at("/error/code").asInt()).isEqualTo(10028);
    assertThat(error.at("/error/message").asText()).isEqualTo("too_many_requests");
    assertThat(error.get("usIn").asLong()).isEqualTo(5);
    assertThat(error.get("testnet").asBoolean()).isTrue();
    assertThat(plan.intercept(session, request("public/get_time", 8), 5)).isNull();
    assertThat(plan.armed()).isFalse();
    assertThat(plan.count(Fault.REJECTED_REQUEST)).isEqualTo(1);
  }

  @Test
  void leavesMalformedRequestsToTheRequestHandler() {
    plan.reject("public/get_time", 10028, "too_many_requests", 1);

    assertThat(plan.intercept(session, "{\"jsonrpc\":", 5)).isNull();
    assertThat(plan.intercept(session, "[1]", 5)).isNull();
  }

  @Test
  void clearDisarmsEveryFaultButKeepsTheCounts() {
    plan.skipChanges(BTC_BOOK, 1);
    plan.withholds(new Notification(BTC_BOOK, "{}"));
    plan.skipChanges(BTC_BOOK, 5);
    plan.reject("public/test", 13009, "invalid_token", 3);
    plan.delay(Duration.ofSeconds(1).toNanos());
    plan.duplicate(0.5);
    plan.reorder(0.5);
    plan.heartbeatsStopped(true);
    plan.silenced(true);

    plan.clear();

    assertThat(plan.armed()).isFalse();
    assertThat(plan.withholdsHeartbeat()).isFalse();
    assertThat(plan.count(Fault.SKIPPED_CHANGE)).isEqualTo(1);
  }

  private static String request(String method, int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{}}";
  }
}
