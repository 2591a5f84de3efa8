package dev.oncell.plugins.security.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oncell.plugins.security.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a language's rule file. The format is documented in the module README ("Code rules"); a
 * mistake (an unknown severity, an invalid regular expression, a sink without a place) is a {@link
 * CodeRuleException} naming the file and the rule, raised when the rules load, never mid-scan.
 */
final class RuleLoader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleLoader() {}

  /** The rules shipped for {@code language} ({@code java}, {@code python}, ...). */
  static Rules shipped(String language) {
    String resource = "rules/" + language + ".json";
    try (InputStream in = RuleLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new CodeRuleException("no shipped rule file " + resource);
      }
      return parse(in.readAllBytes(), resource);
    } catch (IOException e) {
      throw new CodeRuleException("cannot read " + resource + ": " + e.getMessage());
    }
  }

  /** Parses a rule file; {@code origin} names it in errors. */
  static Rules parse(byte[] json, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new CodeRuleException(origin + " is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new CodeRuleException(origin + " must hold a JSON object");
    }
    Ctx ctx = new Ctx(origin);
    // Every sink category (or explicit label) is one bit; "untrusted" sources carry the bits of the
    // sinks that did not ask for a label of their own.
    Map<String, Integer> bits = new TreeMap<>();
    Set<String> untrusted = new LinkedHashSet<>();
    for (JsonNode sink : root.path("sinks")) {
      String label = text(sink, "label").orElse(text(sink, "category").orElse(""));
      if (!label.isEmpty() && !bits.containsKey(label)) {
        if (bits.size() == 31) {
          throw new CodeRuleException(origin + ": more than 31 labels");
        }
        bits.put(label, 1 << bits.size());
      }
      if (text(sink, "label").isEmpty() && !label.isEmpty()) {
        untrusted.add(label);
      }
    }
    int untrustedBits = 0;
    for (String label : untrusted) {
      untrustedBits |= bits.get(label);
    }
    ctx.bits = bits;
    ctx.untrusted = untrustedBits;

    List<Rules.Source> sources = new ArrayList<>();
    for (JsonNode s : root.path("sources")) {
      String what = describe(s);
      int labels = ctx.labels(s.path("labels"), untrustedBits, what);
      Optional<CallPattern> call = ctx.call(s, what);
      Optional<Pattern> member = ctx.regex(s, "member", what);
      Optional<Rules.ParamPattern> param = Optional.empty();
      if (s.has("param")) {
        JsonNode p = s.get("param");
        param =
            Optional.of(
                new Rules.ParamPattern(
                    ctx.regex(p, "annotation", what),
                    ctx.regex(p, "type", what),
                    ctx.regex(p, "decorator", what)));
      }
      int ways =
          (call.isPresent() ? 1 : 0) + (member.isPresent() ? 1 : 0) + (param.isPresent() ? 1 : 0);
      if (ways != 1) {
        throw new CodeRuleException(
            origin + ": source " + what + " must have exactly one of call, member, param");
      }
      sources.add(new Rules.Source(call, member, param, labels, what));
    }
    List<Rules.Sanitizer> sanitizers = new ArrayList<>();
    for (JsonNode s : root.path("sanitizers")) {
      String what = describe(s);
      sanitizers.add(
          new Rules.Sanitizer(
              ctx.call(s, what).orElseThrow(() -> ctx.missing("sanitizer", what, "call")),
              ctx.labels(s.path("clears"), ~0, what)));
    }
    List<Rules.Guard> guards = new ArrayList<>();
    for (JsonNode s : root.path("guards")) {
      String what = describe(s);
      guards.add(
          new Rules.Guard(
              ctx.call(s, what).orElseThrow(() -> ctx.missing("guard", what, "call")),
              ctx.labels(s.path("clears"), ~0, what)));
    }
    List<Rules.Sink> sinks = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode s : root.path("sinks")) {
      Rules.Sink sink = ctx.sink(s);
      if (!ids.add(sink.id())) {
        throw new CodeRuleException(origin + ": two sinks have the id " + sink.id());
      }
      sinks.add(sink);
    }
    return new Rules(
        text(root, "language").orElse(origin),
        List.copyOf(sources),
        List.copyOf(sanitizers),
        List.copyOf(guards),
        ctx.regex(root, "mutators", "mutators"),
        ctx.regex(root, "clean", "clean"),
        List.copyOf(sinks),
        Map.copyOf(bits));
  }

  /** The file being read, for error messages and label bits. */
  private static final class Ctx {
    final String origin;
    Map<String, Integer> bits = Map.of();
    int untrusted;

    Ctx(String origin) {
      this.origin = origin;
    }

    CodeRuleException missing(String kind, String what, String field) {
      return new CodeRuleException(origin + ": " + kind + " " + what + " needs \"" + field + "\"");
    }

    Optional<Pattern> regex(JsonNode node, String field, String what) {
      Optional<String> text = text(node, field);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Pattern.compile(text.get()));
      } catch (PatternSyntaxException e) {
        throw new CodeRuleException(
            origin
                + ": rule "
                + what
                + " has an invalid regular expression in \""
                + field
                + "\": "
                + e.getDescription());
      }
    }

    Optional<CallPattern> call(JsonNode node, String what) {
      return regex(node, "call", what)
          .map(name -> new CallPattern(name, regex(node, "receiver", what)));
    }

    int labels(JsonNode list, int all, String what) {
      if (list.isMissingNode() || list.isNull()) {
        return all == ~0 ? ~0 : untrusted;
      }
      int mask = 0;
      for (JsonNode label : list) {
        String name = label.asText();
        if (name.equals("*")) {
          mask |= ~0; // every label, and the parameter mark of summaries

        } else if (name.equals("untrusted")) {
          mask |= untrusted;
        } else {
          Integer bit = bits.get(name);
          if (bit == null) {
            throw new CodeRuleException(
                origin + ": rule " + what + " names label " + name + ", which no sink uses");
          }
          mask |= bit;
        }
      }
      return mask;
    }

    private int allBits() {
      int all = 0;
      for (int bit : bits.values()) {
        all |= bit;
      }
      return all;
    }

    Rules.Sink sink(JsonNode s) {
      String id = text(s, "id").orElseThrow(() -> missing("sink", describe(s), "id"));
      String category = text(s, "category").orElseThrow(() -> missing("sink", id, "category"));
      Severity severity;
      try {
        severity = Severity.valueOf(text(s, "severity").orElse("high").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CodeRuleException(
            origin + ": sink " + id + " has an unknown severity " + s.path("severity").asText());
      }
      Optional<CallPattern> call = call(s, id);
      Optional<Pattern> assign = regex(s, "assign", id);
      Optional<Pattern> returnIn = regex(s, "returnIn", id);
      int places =
          (call.isPresent() ? 1 : 0)
              + (assign.isPresent() ? 1 : 0)
              + (returnIn.isPresent() ? 1 : 0);
      if (places != 1) {
        throw new CodeRuleException(
            origin + ": sink " + id + " must have exactly one of call, assign, returnIn");
      }
      List<Integer> args = new ArrayList<>();
      for (JsonNode a : s.path("args")) {
        if (!a.canConvertToInt() || a.asInt() < 0) {
          throw new CodeRuleException(origin + ": sink " + id + " has a bad argument index " + a);
        }
        args.add(a.asInt());
      }
      List<String> keywords = new ArrayList<>();
      s.path("keywords").forEach(k -> keywords.add(k.asText()));
      List<Pattern> missing = new ArrayList<>();
      for (JsonNode m : s.path("missing")) {
        try {
          missing.add(Pattern.compile(m.asText()));
        } catch (PatternSyntaxException e) {
          throw new CodeRuleException(
              origin
                  + ": rule "
                  + id
                  + " has an invalid regular expression in \"missing\": "
                  + e.getDescription());
        }
      }
      String label = text(s, "label").orElse(category);
      return new Rules.Sink(
          id,
          category,
          text(s, "title").orElse(id),
          text(s, "cwe").orElse(""),
          severity,
          bits.getOrDefault(label, 0),
          call,
          List.copyOf(args),
          List.copyOf(keywords),
          s.path("receiverTainted").asBoolean(false),
          assign,
          returnIn,
          regex(s, "argConst", id),
          s.path("always").asBoolean(false),
          List.copyOf(missing),
          regex(s, "requires", id),
          regex(s, "unless", id),
          regex(s, "fileRequires", id));
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  private static String describe(JsonNode node) {
    return text(node, "id")
        .or(() -> text(node, "call"))
        .or(() -> text(node, "member"))
        .orElse(node.toString().length() > 60 ? node.toString().substring(0, 60) : node.toString());
  }
}
