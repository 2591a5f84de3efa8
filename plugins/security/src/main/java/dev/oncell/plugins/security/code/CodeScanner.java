package dev.oncell.plugins.security.code;

import dev.oncell.plugins.security.Finding;
import dev.oncell.plugins.security.Scanner;
import dev.oncell.plugins.security.SourceFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;

/**
 * The code engine: source-to-sink rules over tree-sitter syntax trees of Java, Python,
 * JavaScript/TypeScript and Go, with intra-procedural taint and constant propagation (see {@link
 * Flow}). Rules are data ({@code rules/<language>.json} beside this class); the engine has no model
 * and no network. Thread-safe: each scan uses parsers of its own.
 */
public final class CodeScanner implements Scanner {

  private final Map<String, Rules> rules;
  private final CodeLimits limits;
  private final List<String> skipped = new ArrayList<>();
  private final Map<Lang, TSLanguage> grammars = new EnumMap<>(Lang.class);
  private final Map<Lang, Symbols> symbols = new EnumMap<>(Lang.class);

  private CodeScanner(Map<String, Rules> rules, CodeLimits limits) {
    this.rules = rules;
    this.limits = limits;
  }

  /** The shipped rules, with {@link CodeLimits#defaults()}. */
  public static CodeScanner create() {
    return create(CodeLimits.defaults());
  }

  /**
   * The shipped rules with {@code limits}.
   *
   * @throws CodeRuleException if a shipped rule file is broken (a build that ships one is a bug)
   */
  public static CodeScanner create(CodeLimits limits) {
    Objects.requireNonNull(limits, "limits");
    Map<String, Rules> rules = new HashMap<>();
    for (Lang lang : Lang.values()) {
      rules.computeIfAbsent(lang.rules(), RuleLoader::shipped);
    }
    return new CodeScanner(Map.copyOf(rules), limits);
  }

  /** A scanner with {@code rules} for every language (tests of rules that are not shipped). */
  static CodeScanner withRules(Rules rules, CodeLimits limits) {
    Map<String, Rules> all = new HashMap<>();
    for (Lang lang : Lang.values()) {
      all.put(lang.rules(), rules);
    }
    return new CodeScanner(Map.copyOf(all), limits);
  }

  @Override
  public String category() {
    return "code";
  }

  @Override
  public List<Finding> scan(List<SourceFile> files) {
    CodeScan scan = scanAll(files);
    scan.skipped().forEach(k -> skipped.add(k.file() + ": " + k.reason()));
    return scan.findings();
  }

  @Override
  public List<String> takeSkipped() {
    List<String> out = List.copyOf(skipped);
    skipped.clear();
    return out;
  }

  /** Scans {@code files}; those of no known language are ignored, those past a limit skipped. */
  public CodeScan scanAll(List<SourceFile> files) {
    Objects.requireNonNull(files, "files");
    List<Finding> findings = new ArrayList<>();
    List<CodeScan.Skipped> skipped = new ArrayList<>();
    Map<Lang, TSParser> parsers = new EnumMap<>(Lang.class);
    int scanned = 0;
    try {
      for (SourceFile file : files) {
        Optional<Lang> lang = Lang.of(file.path());
        if (lang.isEmpty()) {
          continue;
        }
        if (file.content().length > limits.maxFileBytes()) {
          skipped.add(
              new CodeScan.Skipped(
                  file.path(), "skipped: too large (" + file.content().length + " bytes)"));
          continue;
        }
        if (binary(file.content())) {
          skipped.add(new CodeScan.Skipped(file.path(), "skipped: binary"));
          continue;
        }
        TSParser parser = parsers.computeIfAbsent(lang.get(), this::parser);
        try {
          findings.addAll(scanFile(file, lang.get(), parser));
          scanned++;
        } catch (ParsedFile.TooLarge | Deadline.Expired e) {
          skipped.add(new CodeScan.Skipped(file.path(), e.getMessage()));
        } catch (StackOverflowError e) {
          skipped.add(new CodeScan.Skipped(file.path(), "skipped: nested too deeply"));
        }
      }
    } finally {
      parsers.values().forEach(TSParser::close);
    }
    return new CodeScan(findings, skipped, scanned);
  }

  private List<Finding> scanFile(SourceFile source, Lang lang, TSParser parser) {
    Deadline deadline = Deadline.in(limits.maxMillisPerFile());
    String text = source.text();
    Symbols names;
    synchronized (grammars) {
      names = symbols.get(lang);
    }
    ParsedFile file = ParsedFile.parse(parser, names, text, limits.maxNodes(), limits.maxDepth());
    Rules languageRules = rules.get(lang.rules());
    List<Units> units = Units.of(file.root(), file);
    Map<String, Sinks.Summary> summaries = Summaries.of(file, text, languageRules, deadline, units);
    Sinks sinks = new Sinks(languageRules, file, text, deadline, false, summaries);
    Flow flow = new Flow(file, sinks, deadline);
    for (Units unit : units) {
      flow.run(unit);
    }
    List<Hit> hits = sinks.hits();
    hits.sort(Comparator.comparingInt(Hit::line).thenComparing(h -> h.sink().id()));
    List<Finding> findings = new ArrayList<>(hits.size());
    Map<String, Integer> seen = new HashMap<>();
    for (Hit hit : hits) {
      String key = hit.sink().id() + "\n" + source.path() + "\n" + hit.sinkText();
      int occurrence = seen.merge(key, 1, Integer::sum);
      String snippet = file.line(hit.line()).strip();
      findings.add(
          new Finding(
              category(),
              hit.sink().id(),
              hit.sink().severity(),
              hit.sink().cwe(),
              source.path(),
              hit.line(),
              snippet.length() > 200 ? snippet.substring(0, 197) + "..." : snippet,
              fingerprint(occurrence == 1 ? key : key + "\n" + occurrence),
              hit.evidence()));
    }
    return findings;
  }

  private TSParser parser(Lang lang) {
    TSLanguage grammar;
    synchronized (grammars) {
      grammar = grammars.computeIfAbsent(lang, Lang::grammar);
      symbols.computeIfAbsent(lang, l -> new Symbols(grammars.get(l)));
    }
    TSParser parser = new TSParser();
    if (!parser.setLanguage(grammar)) {
      parser.close();
      throw new IllegalStateException("tree-sitter rejects the grammar of " + lang);
    }
    return parser;
  }

  /** A NUL in the first 8 KiB: not source code. */
  private static boolean binary(byte[] content) {
    for (int i = 0, n = Math.min(content.length, 8192); i < n; i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static String fingerprint(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
