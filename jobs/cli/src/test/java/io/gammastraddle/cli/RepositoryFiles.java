package io.gammastraddle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Files of the repository for tests that check deployment files against the code: the root is two
 * levels above this module ({@code gsb.root} overrides it).
 */
final class RepositoryFiles {

  static final Path ROOT =
      Path.of(System.getProperty("gsb.root", "../..")).toAbsolutePath().normalize();

  private RepositoryFiles() {}

  static String read(String path) {
    try {
      return Files.readString(ROOT.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A YAML file as maps and lists. SnakeYAML rather than Jackson: docker-compose.yml shares blocks
   * through anchors, aliases and merge keys ({@code <<: *x}), which Jackson's YAML parser does not
   * resolve.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String path) {
    return (Map<String, Object>)
        new Yaml(new SafeConstructor(new LoaderOptions())).load(read(path));
  }

  /** Nested keys as dotted names ({@code a: {b: 1}} is {@code a.b = 1}), as Flink reads them. */
  static Map<String, String> flatten(Map<String, Object> tree) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", tree, flat);
    return flat;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> flat) {
    tree.forEach(
        (key, value) -> {
          String name = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map<?, ?> nested) {
            flatten(name, (Map<String, Object>) nested, flat);
          } else {
            flat.put(name, String.valueOf(value));
          }
        });
  }
}
