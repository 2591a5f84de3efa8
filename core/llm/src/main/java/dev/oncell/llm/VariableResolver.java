package dev.oncell.llm;

import java.util.Map;
import java.util.Optional;

/** Looks up the value of a {@code $VAR} in the config: an operator secret or the environment. */
@FunctionalInterface
public interface VariableResolver {

  Optional<String> resolve(String name);

  /** This resolver, then {@code next} for names this one does not know. */
  default VariableResolver orElse(VariableResolver next) {
    return name -> resolve(name).or(() -> next.resolve(name));
  }

  static VariableResolver of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return name -> Optional.ofNullable(copy.get(name));
  }

  static VariableResolver none() {
    return name -> Optional.empty();
  }
}
