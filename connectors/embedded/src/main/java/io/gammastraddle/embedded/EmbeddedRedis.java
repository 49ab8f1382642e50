package io.gammastraddle.embedded;

import java.io.IOException;
import java.nio.file.Path;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server process started from the binary bundled in the embedded-redis jar, listening on
 * the loopback interface. Its working directory holds the binary and the RDB snapshot Redis writes
 * when it stops, so a restart on the same port comes back with the same keys, like a real server.
 */
final class EmbeddedRedis {

  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static EmbeddedRedis start(int port, Path directory) throws IOException {
    RedisServer server =
        RedisServer.newRedisServer()
            .executableProvider(ExecutableProvider.newJarResourceProvider(directory.toFile()))
            .bind(LocalPorts.LOOPBACK_HOST)
            .port(port)
            .setting("dir \"" + directory.toAbsolutePath() + "\"")
            .build();
    server.start();
    return new EmbeddedRedis(server, port);
  }

  int port() {
    return port;
  }

  /** Starts the server again on its port after {@link #stop()}; does nothing if it runs. */
  void restart() throws IOException {
    if (!server.isActive()) {
      LocalPorts.requireFree("Redis", port);
      server.start();
    }
  }

  /** Stops the server gracefully (Redis saves its snapshot first) and waits for it to exit. */
  void stop() throws IOException {
    server.stop();
  }
}
