package io.gammastraddle.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks and picks TCP ports on the loopback interface, where every embedded service listens (and
 * where the demo checks its other ports before starting anything).
 */
public final class LocalPorts {

  static final String LOOPBACK_HOST = "127.0.0.1";

  private LocalPorts() {}

  public static void requireFree(String service, int port) throws PortInUseException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(loopback(), port));
    } catch (IOException e) {
      throw new PortInUseException(service, port);
    }
  }

  /**
   * A port the kernel just handed out as free. Another process could take it before the service
   * binds it, but the ephemeral range is large and the window is a few milliseconds; Redis cannot
   * bind port 0 itself (it means "no TCP") and Kafka's static controller quorum needs the port
   * before the server starts.
   */
  public static int pickFree() {
    try (ServerSocket probe = new ServerSocket(0, 1, loopback())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + LOOPBACK_HOST, e);
    }
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByName(LOOPBACK_HOST);
  }
}
