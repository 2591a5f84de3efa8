package dev.oncell.plugins.security.code;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of one language applied to one file: answers the {@link Flow}'s questions (is this call
 * a source, a sanitizer, a guard?) and records a {@link Hit} where a sink is reached. A sink is
 * reported once per line.
 */
final class Sinks {

  private static final int MAX_MATCHED_TEXT = 4096;

  private final Rules rules;
  private final ParsedFile file;
  private final String fileText;
  private final Deadline deadline;
  private final Map<String, Boolean> fileGate = new HashMap<>();
  private final Map<String, Hit> hits = new LinkedHashMap<>();
  private Units unit;
  private final boolean silent;
  private final Map<String, Summary> summaries;
  private int returnedLabels;

  /**
   * What a function of the same file does with its parameters: whether its result carries them, and
   * what sources it reads itself.
   */
  record Summary(boolean passesParameters, Value sources) {}

  Sinks(
      Rules rules,
      ParsedFile file,
      String fileText,
      Deadline deadline,
      boolean silent,
      Map<String, Summary> summaries) {
    this.rules = rules;
    this.file = file;
    this.fileText = fileText;
    this.deadline = deadline;
    this.silent = silent;
    this.summaries = summaries;
  }

  /** The labels the current unit's returns carried (a silent pass computes summaries with it). */
  int takeReturned() {
    int labels = returnedLabels;
    returnedLabels = 0;
    return labels;
  }

  /**
   * A call of a function of this file, by name, when its summary is known: its result is as tainted
   * as its arguments only if the function passes them on.
   */
  Optional<Value> summarized(Call call, Value[] args) {
    Summary summary = summaries.get(call.name());
    if (summary == null) {
      return Optional.empty();
    }
    String r = call.receiverText();
    boolean local =
        r.isEmpty()
            || r.equals("this")
            || r.equals("self")
            || r.startsWith("new")
            || (!r.isEmpty() && Character.isUpperCase(r.charAt(0)) && r.indexOf('.') < 0);
    if (!local) {
      return Optional.empty();
    }
    Value result = summary.sources();
    if (summary.passesParameters()) {
      for (Value a : args) {
        result = result.and(a);
      }
    }
    return Optional.of(result.tainted() ? result : Value.CLEAN);
  }

  Rules rules() {
    return rules;
  }

  void enter(Units unit) {
    this.unit = unit;
  }

  List<Hit> hits() {
    return new ArrayList<>(hits.values());
  }

  Optional<Value> memberSource(Node node, String key) {
    for (Rules.Source source : rules.sources()) {
      if (source.member().isPresent() && deadline.find(source.member().get(), key)) {
        return Optional.of(Value.tainted(source.labels(), node.line(), shorten(key)));
      }
    }
    return Optional.empty();
  }

  Optional<Value> callSource(Call call) {
    for (Rules.Source source : rules.sources()) {
      if (source.call().isPresent()
          && source.call().get().matches(call.name(), call.receiverText(), deadline)) {
        return Optional.of(
            Value.tainted(
                source.labels(),
                call.node().line(),
                shorten(Calls.squeeze(file.text(call.node())))));
      }
    }
    return Optional.empty();
  }

  boolean mutates(Call call) {
    return rules.mutators().map(m -> deadline.matches(m, call.name())).orElse(false);
  }

  /** The call's result from its inputs: cleaned of what a sanitizer clears, nothing if "clean". */
  Value sanitize(Call call, Value inputs) {
    if (rules.clean().isPresent() && deadline.matches(rules.clean().get(), call.name())) {
      return Value.CLEAN;
    }
    Value result = inputs;
    for (Rules.Sanitizer s : rules.sanitizers()) {
      if (s.call().matches(call.name(), call.receiverText(), deadline)) {
        result = result.without(s.clears());
      }
    }
    return result;
  }

  int guardClears(Call call) {
    int clears = 0;
    for (Rules.Guard g : rules.guards()) {
      if (g.call().matches(call.name(), call.receiverText(), deadline)) {
        clears |= g.clears();
      }
    }
    return clears;
  }

  void call(Call call, Value receiver, Value[] args, State state) {
    String text = null;
    for (Rules.Sink sink : rules.sinks()) {
      if (sink.call().isEmpty()
          || !sink.call().get().matches(call.name(), call.receiverText(), deadline)
          || !fileAllows(sink)) {
        continue;
      }
      if (text == null) {
        text = limit(file.text(call.node()));
      }
      if (sink.requires().isPresent() && !deadline.find(sink.requires().get(), text)) {
        continue;
      }
      if (sink.unless().isPresent() && deadline.find(sink.unless().get(), text)) {
        continue;
      }
      String sinkText = Calls.squeeze(text);
      int line = call.node().line();
      if (sink.always()) {
        report(
            sink,
            line,
            sinkText,
            "`" + shorten(sinkText) + "` at line " + line + ": " + sink.title());
      } else if (sink.argConst().isPresent()) {
        for (int i : selected(sink, call)) {
          Object literal = args[i].literal().orElse(null);
          if (literal instanceof String s && deadline.find(sink.argConst().get(), s)) {
            report(
                sink,
                line,
                sinkText,
                "constant \"" + shorten(s) + "\" reaches `" + call.name() + "` at line " + line);
            break;
          }
        }
      } else if (!sink.missing().isEmpty()) {
        String context = CallContext.of(file, unit, call, text);
        for (Pattern p : sink.missing()) {
          if (!deadline.find(p, context)) {
            report(
                sink,
                line,
                sinkText,
                "`" + call.name() + "` at line " + line + " without " + p.pattern());
            break;
          }
        }
      } else {
        Value hit = null;
        for (int i : selected(sink, call)) {
          if (args[i].has(sink.label())) {
            hit = args[i];
            break;
          }
        }
        if (hit == null && sink.receiverTainted() && receiver.has(sink.label())) {
          hit = receiver;
        }
        if (hit != null) {
          report(sink, line, sinkText, flowEvidence(hit, call.name(), line));
        }
      }
    }
  }

  void assigned(Node target, String key, Value value) {
    for (Rules.Sink sink : rules.sinks()) {
      if (sink.assign().isPresent()
          && fileAllows(sink)
          && value.has(sink.label())
          && deadline.find(sink.assign().get(), key)) {
        report(sink, target.line(), key, flowEvidence(value, shorten(key), target.line()));
      }
    }
  }

  void returned(Node node, Value value) {
    if (silent) {
      returnedLabels |= value.labels();
      return;
    }
    if (!value.tainted() || unit == null) {
      return;
    }
    String function = unit.name();
    for (Rules.Sink sink : rules.sinks()) {
      if (sink.returnIn().isPresent()
          && fileAllows(sink)
          && value.has(sink.label())
          && deadline.find(sink.returnIn().get(), function + "\n" + unit.decorators())) {
        report(
            sink,
            node.line(),
            Calls.squeeze(limit(file.text(node))),
            flowEvidence(value, "return of " + function, node.line()));
      }
    }
  }

  private List<Integer> selected(Rules.Sink sink, Call call) {
    List<Integer> positions = new ArrayList<>();
    int positional = 0;
    for (int i = 0; i < call.args().size(); i++) {
      Call.Arg arg = call.args().get(i);
      if (arg.keyword().isPresent()) {
        if (sink.keywords().contains(arg.keyword().get()) || sink.args().isEmpty()) {
          positions.add(i);
        }
      } else {
        if (sink.args().isEmpty() || sink.args().contains(positional)) {
          positions.add(i);
        }
        positional++;
      }
    }
    return positions;
  }

  private boolean fileAllows(Rules.Sink sink) {
    if (sink.fileRequires().isEmpty()) {
      return true;
    }
    return fileGate.computeIfAbsent(
        sink.id(), id -> deadline.find(sink.fileRequires().get(), fileText));
  }

  private void report(Rules.Sink sink, int line, String sinkText, String evidence) {
    if (silent) {
      return;
    }
    hits.putIfAbsent(sink.id() + "@" + line, new Hit(sink, line, sinkText, evidence));
  }

  private static String flowEvidence(Value value, String sink, int line) {
    String source =
        value
            .origin()
            .map(o -> "source `" + o.text() + "` at line " + o.line())
            .orElse("tainted data");
    return source + " -> sink `" + shorten(sink) + "` at line " + line;
  }

  private static String limit(String text) {
    return text.length() > MAX_MATCHED_TEXT ? text.substring(0, MAX_MATCHED_TEXT) : text;
  }

  static String shorten(String text) {
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
