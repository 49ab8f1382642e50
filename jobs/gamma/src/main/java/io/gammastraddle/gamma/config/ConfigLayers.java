package io.gammastraddle.gamma.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Merges settings from a YAML file, then the environment, then the command line; a later layer
 * wins. In the file, nested keys and dotted keys are the same ({@code kafka: {bootstrap: x}} is
 * {@code kafka.bootstrap: x}); in the environment a setting is {@code GSB_} plus its name in upper
 * case with dots and dashes as underscores ({@code GSB_KAFKA_BOOTSTRAP}).
 */
public final class ConfigLayers {

  private ConfigLayers() {}

  public static GammaConfig load(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (file != null) {
      settings.putAll(readYaml(file));
    }
    settings.putAll(fromEnvironment(environment));
    settings.putAll(overrides);
    return GammaConfig.from(settings);
  }

  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name : GammaConfig.DEFAULTS.keySet()) {
      String variable = environmentName(name);
      if (environment.containsKey(variable)) {
        settings.put(name, environment.get(variable));
      }
    }
    return settings;
  }

  public static String environmentName(String setting) {
    return "GSB_" + setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static Map<String, String> readYaml(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> settings = new LinkedHashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new IllegalArgumentException("Config file " + file + " must hold a YAML mapping");
      }
      flatten("", root, settings);
    }
    return settings;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> settings) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject()) {
        flatten(name, field.getValue(), settings);
      } else {
        settings.put(name, field.getValue().asText());
      }
    }
  }
}
