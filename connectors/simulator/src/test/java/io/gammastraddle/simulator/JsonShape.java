package io.gammastraddle.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shape of JSON messages: every path (objects by field name, arrays as {@code []}) with the
 * JSON types seen there, telling integer from float literals.
 */
public record JsonShape(Map<String, Set<String>> typesByPath) {

  public static JsonShape of(JsonNode message) {
    Map<String, Set<String>> types = new TreeMap<>();
    collect(message, "$", types);
    return new JsonShape(types);
  }

  /** Paths every message has (intersection) and types any message has (union). */
  public static JsonShape common(Collection<JsonShape> shapes) {
    Set<String> paths = null;
    for (JsonShape shape : shapes) {
      if (paths == null) {
        paths = new HashSet<>(shape.typesByPath.keySet());
      } else {
        paths.retainAll(shape.typesByPath.keySet());
      }
    }
    Map<String, Set<String>> types = new TreeMap<>();
    for (String path : paths) {
      types.put(path, union(shapes).typesByPath.get(path));
    }
    return new JsonShape(types);
  }

  /** Paths and types any of the messages has. */
  public static JsonShape union(Collection<JsonShape> shapes) {
    Map<String, Set<String>> types = new TreeMap<>();
    for (JsonShape shape : shapes) {
      shape.typesByPath.forEach(
          (path, pathTypes) -> types.computeIfAbsent(path, p -> new TreeSet<>()).addAll(pathTypes));
    }
    return new JsonShape(types);
  }

  public Set<String> paths() {
    return typesByPath.keySet();
  }

  public Set<String> types(String path) {
    return typesByPath.getOrDefault(path, Set.of());
  }

  private static void collect(JsonNode node, String path, Map<String, Set<String>> types) {
    types.computeIfAbsent(path, p -> new TreeSet<>()).add(typeOf(node));
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> collect(f.getValue(), path + "." + f.getKey(), types));
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, path + "[]", types));
    }
  }

  private static String typeOf(JsonNode node) {
    return switch (node.getNodeType()) {
      case NUMBER -> node.isIntegralNumber() ? "integer" : "float";
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case OBJECT -> "object";
      case ARRAY -> "array";
      case NULL -> "null";
      default -> node.getNodeType().name();
    };
  }
}
