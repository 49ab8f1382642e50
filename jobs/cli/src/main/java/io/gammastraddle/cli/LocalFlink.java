package io.gammastraddle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink cluster inside this JVM, with the web dashboard, configured from the same {@code
 * flink-conf/config.yaml} a real cluster uses plus a few overrides (ports, directories).
 */
final class LocalFlink {

  private LocalFlink() {}

  /** The project's {@code flink-conf} directory: {@code gsb.home}, else the working directory. */
  static Path defaultConfDir() {
    return Path.of(System.getProperty("gsb.home", "."), "flink-conf");
  }

  static Configuration configuration(Path confDir, Map<String, String> overrides) {
    if (!Files.isRegularFile(confDir.resolve("config.yaml"))) {
      throw new IllegalArgumentException("No config.yaml in Flink conf directory " + confDir);
    }
    Configuration configuration = GlobalConfiguration.loadConfiguration(confDir.toString());
    overrides.forEach(configuration::setString);
    return configuration;
  }

  static StreamExecutionEnvironment environment(Configuration configuration) {
    return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(configuration);
  }
}
