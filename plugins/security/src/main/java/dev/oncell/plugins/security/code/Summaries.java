package dev.oncell.plugins.security.code;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One level of inter-procedural flow inside a file: a silent pass over each named function, with
 * every parameter marked, tells whether its result carries its parameters ({@code decorate(s)}
 * does, {@code ignore(s)} returning a constant does not) and which sources it reads itself. A name
 * defined twice in a file (overloads, two classes) has no summary.
 */
final class Summaries {

  /** The parameter mark: a bit no rule label uses (rule files have at most 31 labels). */
  static final int PARAMETER = 1 << 31;

  private Summaries() {}

  static Map<String, Sinks.Summary> of(
      ParsedFile file, String text, Rules rules, Deadline deadline, List<Units> units) {
    Sinks silent = new Sinks(rules, file, text, deadline, true, Map.of());
    Flow flow = new Flow(file, silent, deadline);
    Map<String, Sinks.Summary> summaries = new HashMap<>();
    Set<String> twice = new HashSet<>();
    if (!units.isEmpty() && !Units.FUNCTIONS.contains(units.getFirst().node().type())) {
      flow.run(units.getFirst()); // the file's top-level values, which its functions start from
    }
    for (Units unit : units) {
      if (unit.name().isEmpty() || !Units.FUNCTIONS.contains(unit.node().type())) {
        continue;
      }
      if (summaries.containsKey(unit.name()) || twice.contains(unit.name())) {
        twice.add(unit.name());
        summaries.remove(unit.name());
        continue;
      }
      flow.run(unit, PARAMETER);
      int labels = silent.takeReturned();
      Value sources = Value.tainted(labels & ~PARAMETER, unit.node().line(), unit.name() + "(..)");
      summaries.put(unit.name(), new Sinks.Summary((labels & PARAMETER) != 0, sources));
    }
    return Map.copyOf(summaries);
  }
}
