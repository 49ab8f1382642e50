package io.gammastraddle.training.search;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters a {@link Study} searches over, in a fixed order (samplers draw them in this order,
 * which keeps a seeded search reproducible).
 *
 * @param parameters the dimensions, with distinct names
 */
public record SearchSpace(List<Parameter> parameters) {

  public SearchSpace {
    parameters = List.copyOf(parameters);
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("a search space needs at least one parameter");
    }
    Set<String> names = new HashSet<>();
    for (Parameter parameter : parameters) {
      if (!names.add(parameter.name())) {
        throw new IllegalArgumentException("duplicate parameter " + parameter.name());
      }
    }
  }

  /** A space of the given parameters, in that order. */
  public static SearchSpace of(Parameter... parameters) {
    return new SearchSpace(List.of(parameters));
  }

  /**
   * The given values as a trial holds them: every parameter present and within its bounds, in the
   * space's order, integers as {@link Integer} and floats as {@link Double}.
   *
   * @throws IllegalArgumentException if a parameter is missing, unknown, out of bounds, or an
   *     integer parameter has a fractional value
   */
  Map<String, Number> validated(Map<String, ? extends Number> values) {
    Map<String, Number> result = new LinkedHashMap<>();
    for (Parameter parameter : parameters) {
      Number given = values.get(parameter.name());
      if (given == null) {
        throw new IllegalArgumentException("missing parameter " + parameter.name());
      }
      double value = given.doubleValue();
      if (!(value >= parameter.low() && value <= parameter.high())) {
        throw new IllegalArgumentException(
            String.format(
                "%s = %s outside [%s, %s]",
                parameter.name(), value, parameter.low(), parameter.high()));
      }
      if (parameter.integer() && value != Math.rint(value)) {
        throw new IllegalArgumentException(
            parameter.name() + " must be a whole number, got " + value);
      }
      result.put(parameter.name(), parameter.box(value));
    }
    for (String name : values.keySet()) {
      if (!result.containsKey(name)) {
        throw new IllegalArgumentException("unknown parameter " + name);
      }
    }
    return Collections.unmodifiableMap(result);
  }
}
