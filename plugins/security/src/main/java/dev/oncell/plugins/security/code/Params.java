package dev.oncell.plugins.security.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parameters of a function, bound in its first {@link State}: tainted where a parameter source
 * of the rules matches (a Spring {@code @RequestParam}, a Go {@code *http.Request}, any parameter
 * of a Flask route), clean otherwise.
 */
final class Params {

  /** One parameter: its name, and the text of its type and of its annotations. */
  private record Param(Node name, String type, String annotations) {}

  /** Types whose values carry no text: numbers, booleans, dates, UUIDs (in the four languages). */
  private static final java.util.regex.Pattern NO_TEXT =
      java.util.regex.Pattern.compile(
          ":?\\s*(int|long|short|byte|double|float|boolean|char|Integer|Long|Short|Byte|Double|Float"
              + "|Boolean|BigDecimal|BigInteger|UUID|LocalDate|LocalDateTime|Instant|number|bigint|bool"
              + "|u?int(8|16|32|64)?|float(32|64)|uuid\\.UUID|datetime|date)");

  private Params() {}

  static void bind(
      Node function,
      String decorators,
      ParsedFile file,
      Rules rules,
      State state,
      Deadline deadline,
      int everyParameter) {
    Optional<Node> list = function.child("parameters").or(() -> function.child("parameter"));
    if (list.isEmpty()) {
      return;
    }
    for (Param p : params(list.get(), file)) {
      String name = Calls.squeeze(file.text(p.name()));
      if (name.equals("self") || name.equals("cls")) {
        continue;
      }
      int labels = 0;
      String why = "";
      for (Rules.Source source : rules.sources()) {
        if (source.param().isEmpty()) {
          continue;
        }
        Rules.ParamPattern pattern = source.param().get();
        boolean matches =
            pattern.annotation().map(a -> deadline.find(a, p.annotations())).orElse(true)
                && pattern.type().map(t -> deadline.find(t, p.type())).orElse(true)
                && pattern.decorator().map(d -> deadline.find(d, decorators)).orElse(true);
        if (matches) {
          labels |= source.labels();
          why = source.description();
        }
      }
      if (NO_TEXT.matcher(p.type()).matches()) {
        labels = 0; // an int or a boolean parameter carries no injection, whatever its source
      }
      labels |= everyParameter;
      Value value =
          labels == 0
              ? Value.CLEAN
              : Value.tainted(
                  labels,
                  p.name().line(),
                  "parameter " + name + (why.isEmpty() ? "" : " (" + why + ")"));
      for (Node item : Lists.items(p.name())) {
        state.set(Calls.squeeze(file.text(item)), value);
      }
    }
  }

  private static List<Param> params(Node list, ParsedFile file) {
    List<Param> params = new ArrayList<>();
    if (list.type().equals("identifier")) { // x => ...
      params.add(new Param(list, "", ""));
      return params;
    }
    for (Node p : list.named()) {
      switch (p.type()) {
        case "identifier" -> params.add(new Param(p, "", ""));
        case "formal_parameter", "spread_parameter" -> {
          String annotations = p.first("modifiers").map(file::text).orElse("");
          String type = p.child("type").map(file::text).orElse("");
          p.child("name")
              .or(() -> p.first("variable_declarator").flatMap(v -> v.child("name")))
              .ifPresent(n -> params.add(new Param(n, type, annotations)));
        }
        case "parameter_declaration", "variadic_parameter_declaration" -> {
          String type = p.child("type").map(file::text).orElse("");
          for (Node n : p.all("name")) {
            params.add(new Param(n, type, ""));
          }
        }
        case "typed_parameter", "typed_default_parameter", "default_parameter" -> {
          String type = p.child("type").map(file::text).orElse("");
          p.child("name")
              .or(() -> p.first("identifier"))
              .ifPresent(n -> params.add(new Param(n, type, "")));
        }
        case "required_parameter", "optional_parameter" -> {
          String type = p.child("type").map(file::text).orElse("");
          String annotations =
              p.all("decorator").stream().map(file::text).reduce("", String::concat);
          p.child("pattern").ifPresent(n -> params.add(new Param(n, type, annotations)));
        }
        case "assignment_pattern" ->
            p.child("left").ifPresent(n -> params.add(new Param(n, "", "")));
        case "object_pattern", "array_pattern" -> params.add(new Param(p, "", ""));
        default -> {}
      }
    }
    return params;
  }
}
