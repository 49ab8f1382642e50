package io.gammastraddle.simulator.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fields of a JSON object by path ({@code order_id}, {@code limits.non_matching_engine.rate};
 * array elements as {@code []}) with the JSON types seen there, integers told from floats.
 */
record FieldTypes(Map<String, Set<String>> types) {

  static FieldTypes of(JsonNode object) {
    Map<String, Set<String>> types = new TreeMap<>();
    object.fields().forEachRemaining(field -> collect(field.getValue(), field.getKey(), types));
    return new FieldTypes(types);
  }

  /** Paths every one has, with the types any has. */
  static FieldTypes common(Collection<FieldTypes> all) {
    Set<String> paths = null;
    for (FieldTypes fields : all) {
      if (paths == null) {
        paths = new HashSet<>(fields.types.keySet());
      } else {
        paths.retainAll(fields.types.keySet());
      }
    }
    Map<String, Set<String>> union = union(all).types;
    Map<String, Set<String>> types = new TreeMap<>();
    paths.forEach(path -> types.put(path, union.get(path)));
    return new FieldTypes(types);
  }

  /** Paths and types any one has. */
  static FieldTypes union(Collection<FieldTypes> all) {
    Map<String, Set<String>> types = new TreeMap<>();
    for (FieldTypes fields : all) {
      fields.types.forEach(
          (path, seen) -> types.computeIfAbsent(path, p -> new TreeSet<>()).addAll(seen));
    }
    return new FieldTypes(types);
  }

  Set<String> paths() {
    return types.keySet();
  }

  Set<String> typesAt(String path) {
    return types.getOrDefault(path, Set.of());
  }

  private static void collect(JsonNode node, String path, Map<String, Set<String>> types) {
    types.computeIfAbsent(path, p -> new TreeSet<>()).add(typeOf(node));
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(field -> collect(field.getValue(), path + "." + field.getKey(), types));
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
