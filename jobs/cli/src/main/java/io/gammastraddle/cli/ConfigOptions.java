package io.gammastraddle.cli;

import io.gammastraddle.gamma.config.ConfigLayers;
import io.gammastraddle.gamma.config.GammaConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The job's settings for a command that needs them, layered as {@link ConfigLayers} does: a YAML
 * file, then {@code GSB_*} environment variables, then {@code --set name=value}, as {@code flink
 * run} takes them for the job.
 */
final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file.")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "A setting over the file and the environment, e.g. kafka.bootstrap=host:9092.")
  Map<String, String> overrides = new LinkedHashMap<>();

  GammaConfig load() {
    return ConfigLayers.load(file, System.getenv(), overrides);
  }
}
