package io.gammastraddle.deribit.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.positions.ExchangePosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserEventTest {

  private static final PositionsSnapshot POSITIONS =
      new PositionsSnapshot(
          "BTC", List.of(new ExchangePosition("BTC-PERPETUAL", -20, 60_000)), 1_700_000_000_000L);
  private static final OrderReport ORDER =
      new OrderReport("7", "BTC-PERPETUAL", "", OrderStatus.OPEN, 0, 1_700_000_000_000L);

  @Test
  void aPositionsEventHoldsOnlyTheSnapshot() {
    UserEvent event = UserEvent.of(POSITIONS);

    assertThat(event.positions()).isEqualTo(POSITIONS);
    assertThat(event.order()).isNull();
    assertThat(event.fill()).isNull();
    assertThat(event.account()).isNull();
  }

  @Test
  void refusesAnEventWithNoneOrTwoOfItsFields() {
    assertThatThrownBy(() -> new UserEvent(null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a user event holds exactly one of order, fill, account, positions: "
                + "[null, null, null, null]");
    assertThatThrownBy(() -> new UserEvent(ORDER, null, null, POSITIONS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a user event holds exactly one of");
  }

  @Test
  void aSnapshotKeepsItsOwnCopyOfThePositions() {
    List<ExchangePosition> positions =
        new ArrayList<>(List.of(new ExchangePosition("BTC-PERPETUAL", 10, 60_000)));
    PositionsSnapshot snapshot = new PositionsSnapshot("BTC", positions, 1);

    positions.clear();

    assertThat(snapshot.positions()).hasSize(1);
  }
}
