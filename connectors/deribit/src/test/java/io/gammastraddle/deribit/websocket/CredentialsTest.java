package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  private static final String SECRET = "s3cr3t-never-print-me";

  @Test
  void readsBothVariablesFromTheEnvironment() {
    assertThat(
            Credentials.fromEnvironment(
                Map.of("DERIBIT_CLIENT_ID", "my-id", "DERIBIT_CLIENT_SECRET", SECRET)))
        .contains(new Credentials("my-id", SECRET));
  }

  @Test
  void noVariablesMeansNoCredentials() {
    assertThat(Credentials.fromEnvironment(Map.of("PATH", "/bin"))).isEmpty();
    assertThat(Credentials.fromEnvironment(Map.of("DERIBIT_CLIENT_ID", " "))).isEmpty();
  }

  @Test
  void onlyOneVariableIsAnErrorNamingTheMissingOneButNoValue() {
    assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("DERIBIT_CLIENT_SECRET", SECRET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DERIBIT_CLIENT_ID is not set")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("DERIBIT_CLIENT_ID", "my-id")))
        .hasMessageContaining("DERIBIT_CLIENT_SECRET is not set");
  }

  @Test
  void toStringShowsTheClientIdButNotTheSecret() {
    Credentials credentials = new Credentials("my-id", SECRET);

    assertThat(credentials.toString()).contains("my-id").doesNotContain(SECRET);
    assertThat(ResilientConnection.Settings.defaults().withCredentials(credentials).toString())
        .contains("my-id")
        .doesNotContain(SECRET);
  }
}
