package io.gammastraddle.deribit.websocket;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deribit API key: its client id and secret, for {@code public/auth} with {@code grant_type
 * client_credentials}.
 *
 * <p>{@link #toString()} shows the client id only, and no exception this project throws carries the
 * secret, so a {@code Credentials} can be logged or end up in an error message safely.
 *
 * @param clientId the API key's client id
 * @param clientSecret the API key's secret
 */
public record Credentials(String clientId, String clientSecret) {

  /** The environment variable holding the client id. */
  public static final String CLIENT_ID_VARIABLE = "DERIBIT_CLIENT_ID";

  /** The environment variable holding the secret. */
  public static final String CLIENT_SECRET_VARIABLE = "DERIBIT_CLIENT_SECRET";

  public Credentials {
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("the client id is missing");
    }
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("the client secret is missing");
    }
  }

  /** Reads {@value #CLIENT_ID_VARIABLE} and {@value #CLIENT_SECRET_VARIABLE}; see below. */
  public static Optional<Credentials> fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * The credentials in {@code environment}, or empty if neither variable is set (public data needs
   * none).
   *
   * @throws IllegalArgumentException if only one of the two is set, naming the missing variable
   */
  public static Optional<Credentials> fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    String id = blankToNull(environment.get(CLIENT_ID_VARIABLE));
    String secret = blankToNull(environment.get(CLIENT_SECRET_VARIABLE));
    if (id == null && secret == null) {
      return Optional.empty();
    }
    if (id == null || secret == null) {
      throw new IllegalArgumentException(
          (id == null ? CLIENT_ID_VARIABLE : CLIENT_SECRET_VARIABLE)
              + " is not set, but "
              + (id == null ? CLIENT_SECRET_VARIABLE : CLIENT_ID_VARIABLE)
              + " is: set both or neither");
    }
    return Optional.of(new Credentials(id, secret));
  }

  @Override
  public String toString() {
    return "Credentials[clientId=" + clientId + ", clientSecret=<redacted>]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
