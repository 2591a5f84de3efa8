package dev.oncell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated source tree for benchmarks: Java, TypeScript, Python and Go files of about ten
 * functions each, named and documented from a domain vocabulary so that keyword and semantic search
 * have something real to rank. Deterministic for a seed.
 */
final class SyntheticRepo implements BenchCorpus {

  private static final String[] NOUNS = {
    "account",
    "invoice",
    "order",
    "payment",
    "token",
    "session",
    "user",
    "cart",
    "price",
    "discount",
    "shipment",
    "address",
    "report",
    "chart",
    "cache",
    "queue",
    "message",
    "email",
    "password",
    "permission",
    "role",
    "tenant",
    "product",
    "inventory",
    "warehouse",
    "refund",
    "subscription",
    "plan",
    "webhook",
    "signature",
    "certificate",
    "upload",
    "image",
    "thumbnail",
    "search",
    "index",
    "document",
    "comment",
    "review",
    "rating",
    "coupon",
    "tax",
    "currency",
    "ledger",
    "balance",
    "transfer",
    "schedule",
    "job",
    "retry",
    "timeout",
    "connection",
    "pool"
  };
  private static final String[] VERBS = {
    "validate",
    "compute",
    "load",
    "save",
    "render",
    "parse",
    "format",
    "send",
    "fetch",
    "update",
    "delete",
    "create",
    "merge",
    "split",
    "encode",
    "decode",
    "verify",
    "refresh",
    "expire",
    "schedule",
    "cancel",
    "approve",
    "reject",
    "export",
    "import",
    "normalize",
    "resolve",
    "sync"
  };

  /** A function the generator wrote, for building queries. */
  record Function(String path, String name, String doc) {}

  private final Random random;
  private final int functionsPerFile;
  private final List<Function> functions = new ArrayList<>();

  SyntheticRepo(long seed, int functionsPerFile) {
    this.random = new Random(seed);
    this.functionsPerFile = functionsPerFile;
  }

  @Override
  public String name() {
    return "generated, " + functionsPerFile + " functions a file";
  }

  /** Queries built from the generated functions' doc sentences, half with the name's words. */
  @Override
  public List<String> queries(int count) {
    List<String> qs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Function f = functions.get((int) ((i * 7919L) % functions.size()));
      qs.add(i % 2 == 0 ? f.doc() : f.doc() + " " + f.name());
    }
    return qs;
  }

  @Override
  public String fileToEdit() {
    return functions.get(functions.size() / 2).path();
  }

  @Override
  public List<String> grepPatterns() {
    return List.of(
        "validateTokenSession",
        "refundLedger\\(|couponTax\\(",
        "expire[A-Z][a-z]+Queue",
        "def sync_[a-z]+_webhook",
        "func Verify[A-Za-z]+Signature",
        "\"warehouse\", 99[0-9]\\)");
  }

  List<Function> functions() {
    return functions;
  }

  /** Writes {@code files} files under {@code root}; returns their total size in bytes. */
  @Override
  public long write(Path root, int files) throws IOException {
    long bytes = 0;
    for (int i = 0; i < files; i++) {
      GeneratedFile generated = next(i);
      Path file = root.resolve(generated.path());
      Files.createDirectories(file.getParent());
      Files.writeString(file, generated.text());
      bytes += generated.text().length();
    }
    return bytes;
  }

  /** A generated file: its path (relative, {@code /}-separated) and its text. */
  record GeneratedFile(String path, String text) {}

  /**
   * The generated files in memory, in the order {@link #write} writes them (same seed, same files),
   * for {@code bench git}'s repository.
   */
  List<GeneratedFile> files(int files) {
    List<GeneratedFile> out = new ArrayList<>(files);
    for (int i = 0; i < files; i++) {
      out.add(next(i));
    }
    return out;
  }

  private GeneratedFile next(int i) {
    String noun = pick(NOUNS);
    String dir = "module" + (i % 100) + "/" + noun;
    String base = noun + pick(NOUNS).substring(0, 1).toUpperCase() + i;
    String path;
    String text;
    switch (i % 20) {
      case 0, 1, 2, 3, 4, 5, 6, 7 -> {
        path = "java/" + dir + "/" + capitalize(base) + ".java";
        text = java(path, capitalize(base), functionsPerFile);
      }
      case 8, 9, 10, 11, 12 -> {
        path = "ts/" + dir + "/" + base + ".ts";
        text = typescript(path, functionsPerFile);
      }
      case 13, 14, 15, 16 -> {
        path = "py/" + dir + "/" + base.toLowerCase() + ".py";
        text = python(path, functionsPerFile);
      }
      default -> {
        path = "go/" + dir + "/" + base.toLowerCase() + ".go";
        text = go(path, noun, functionsPerFile);
      }
    }
    return new GeneratedFile(path, text);
  }

  private String java(String path, String className, int count) {
    StringBuilder out = new StringBuilder("package bench;\n\nimport java.util.*;\n\n");
    out.append("/** ")
        .append(sentence())
        .append(" */\npublic class ")
        .append(className)
        .append(" {\n");
    for (int f = 0; f < count; f++) {
      String name = name(false);
      String doc = sentence();
      functions.add(new Function(path, name, doc));
      out.append("\n  /** ").append(doc).append(" */\n");
      out.append("  public Map<String, Object> ")
          .append(name)
          .append("(Map<String, Object> input) {\n");
      body(out, "    ", "var", ";");
      out.append("    return input;\n  }\n");
    }
    return out.append("}\n").toString();
  }

  private String typescript(String path, int count) {
    StringBuilder out = new StringBuilder("import { Store } from \"./store\";\n\n");
    for (int f = 0; f < count; f++) {
      String name = name(false);
      String doc = sentence();
      functions.add(new Function(path, name, doc));
      out.append("/** ").append(doc).append(" */\n");
      out.append("export function ").append(name).append("(input: Record<string, unknown>) {\n");
      body(out, "  ", "const", ";");
      out.append("  return input;\n}\n\n");
    }
    return out.toString();
  }

  private String python(String path, int count) {
    StringBuilder out = new StringBuilder("import json\n\n\n");
    for (int f = 0; f < count; f++) {
      String name = name(true);
      String doc = sentence();
      functions.add(new Function(path, name, doc));
      out.append("def ").append(name).append("(payload):\n");
      out.append("    \"\"\"").append(doc).append("\"\"\"\n");
      body(out, "    ", "", "");
      out.append("    return payload\n\n\n");
    }
    return out.toString();
  }

  private String go(String path, String pkg, int count) {
    StringBuilder out = new StringBuilder("package " + pkg + "\n\nimport \"fmt\"\n\n");
    for (int f = 0; f < count; f++) {
      String name = capitalize(name(false));
      String doc = sentence();
      functions.add(new Function(path, name, doc));
      out.append("// ").append(name).append(' ').append(doc).append('\n');
      out.append("func ").append(name).append("(input map[string]any) map[string]any {\n");
      body(out, "\t", "", "");
      out.append("\treturn input\n}\n\n");
    }
    return out.toString();
  }

  /** About twenty lines of assignments over domain identifiers. */
  private void body(StringBuilder out, String indent, String decl, String end) {
    int lines = 14 + random.nextInt(10);
    for (int l = 0; l < lines; l++) {
      String target = pick(NOUNS) + capitalize(pick(NOUNS)) + l;
      out.append(indent);
      if (!decl.isEmpty()) {
        out.append(decl).append(' ');
      }
      out.append(target)
          .append(" = ")
          .append(pick(VERBS))
          .append(capitalize(pick(NOUNS)))
          .append("(input, \"")
          .append(pick(NOUNS))
          .append("\", ")
          .append(random.nextInt(1000))
          .append(')')
          .append(end)
          .append('\n');
    }
  }

  private String name(boolean snake) {
    String verb = pick(VERBS);
    String a = pick(NOUNS);
    String b = pick(NOUNS);
    return snake ? verb + "_" + a + "_" + b : verb + capitalize(a) + capitalize(b);
  }

  private String sentence() {
    return capitalize(pick(VERBS))
        + "s the "
        + pick(NOUNS)
        + " of the "
        + pick(NOUNS)
        + " and "
        + pick(VERBS)
        + "s its "
        + pick(NOUNS)
        + ".";
  }

  private String pick(String[] words) {
    return words[random.nextInt(words.length)];
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
