package dev.oncell.plugins.security.code;

import java.util.HashMap;
import java.util.Map;

/**
 * The values of a function's variables at one point of its body, and whether that point can be
 * reached at all (after a {@code return} or {@code throw} it cannot: such a branch does not flow
 * into the code after an {@code if}). Variables are keyed by their text: {@code id}, {@code
 * this.name}, {@code session["user"]}.
 */
final class State {

  private final Map<String, Value> vars;
  private boolean reachable = true;

  State() {
    this.vars = new HashMap<>();
  }

  private State(Map<String, Value> vars, boolean reachable) {
    this.vars = new HashMap<>(vars);
    this.reachable = reachable;
  }

  State copy() {
    return new State(vars, reachable);
  }

  /** A copy that can be reached: where a function starts from its file's top-level values. */
  State entry() {
    return new State(vars, true);
  }

  Value get(String name) {
    return vars.getOrDefault(name, Value.CLEAN);
  }

  boolean knows(String name) {
    return vars.containsKey(name);
  }

  void set(String name, Value value) {
    vars.put(name, value);
  }

  boolean reachable() {
    return reachable;
  }

  void unreachable() {
    reachable = false;
  }

  /** Makes this state the same as {@code other} (the result of a branch, written back). */
  void become(State other) {
    vars.clear();
    vars.putAll(other.vars);
    reachable = other.reachable;
  }

  /** The state after two branches: only those that can reach here count. */
  static State join(State a, State b) {
    if (!a.reachable) {
      return b.copy();
    }
    if (!b.reachable) {
      return a.copy();
    }
    State joined = a.copy();
    for (Map.Entry<String, Value> e : b.vars.entrySet()) {
      Value mine = a.vars.get(e.getKey());
      // A variable set in only one branch keeps its old value (clean) in the other.
      joined.vars.put(
          e.getKey(), mine == null ? e.getValue().or(Value.CLEAN) : mine.or(e.getValue()));
    }
    for (Map.Entry<String, Value> e : a.vars.entrySet()) {
      if (!b.vars.containsKey(e.getKey())) {
        joined.vars.put(e.getKey(), e.getValue().or(Value.CLEAN));
      }
    }
    return joined;
  }
}
