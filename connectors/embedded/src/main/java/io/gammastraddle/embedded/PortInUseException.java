package io.gammastraddle.embedded;

import java.net.BindException;

/**
 * A service could not start because its TCP port on the loopback interface is already taken. The
 * message is one line that names the service and the port, ready to show to a user as is.
 */
public final class PortInUseException extends BindException {

  private final String service;
  private final int port;

  public PortInUseException(String service, int port) {
    super(service + " port " + port + " is already in use");
    this.service = service;
    this.port = port;
  }

  /** The service that wanted the port, such as {@code Kafka} or {@code Redis}. */
  public String service() {
    return service;
  }

  public int port() {
    return port;
  }
}
