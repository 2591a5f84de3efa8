package dev.oncell.plugins.security.deps;

import dev.oncell.plugins.security.SourceFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The lock file and manifest parsers, and the one place a file's bytes become text for them:
 * bounded in size, strict UTF-8, and every failure of a parser (an exception, a stack overflow on a
 * pathological file) turned into a skipped file with its reason. Nothing a file holds escapes a
 * scan as an exception.
 */
final class Lockfiles {

  /** A lock file larger than this is skipped: real ones of large monorepos stay well below. */
  static final int DEFAULT_MAX_BYTES = 32 << 20;

  /** More dependencies than this in one file is not a lock file a scan should trust. */
  static final int MAX_DEPENDENCIES = 200_000;

  private static final List<LockfileParser> PARSERS =
      List.of(
          new PackageLockParser(),
          new PnpmLockParser(),
          new YarnLockParser(),
          new PomParser(),
          new RequirementsParser(),
          TomlPackagesParser.poetry(),
          TomlPackagesParser.cargo(),
          new GoSumParser());

  private final int maxBytes;

  Lockfiles(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Whether some parser reads a file at {@code path}. */
  static boolean isLockfile(String path) {
    return parser(path).isPresent();
  }

  private static Optional<LockfileParser> parser(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return PARSERS.stream().filter(p -> p.accepts(name)).findFirst();
  }

  /** The file's dependencies, or, when it cannot be read, why it was skipped. */
  ParsedFile parse(SourceFile file) {
    Optional<LockfileParser> parser = parser(file.path());
    if (parser.isEmpty()) {
      return ParsedFile.of(List.of(), List.of());
    }
    if (file.content().length > maxBytes) {
      return ParsedFile.skipped(
          file.path(),
          "skipped: too large ("
              + file.content().length
              + " bytes, the limit is "
              + maxBytes
              + ")");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(file.content()))
              .toString();
    } catch (CharacterCodingException e) {
      return ParsedFile.skipped(file.path(), "skipped: not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try {
      ParsedFile parsed = parser.get().parse(file.path(), text);
      if (parsed.dependencies().size() > MAX_DEPENDENCIES) {
        return ParsedFile.skipped(
            file.path(), "skipped: more than " + MAX_DEPENDENCIES + " dependencies");
      }
      return parsed;
    } catch (LockfileException e) {
      return ParsedFile.skipped(file.path(), "skipped: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return ParsedFile.skipped(
          file.path(),
          "skipped: unreadable ("
              + e.getClass().getSimpleName()
              + ": "
              + PackageLockParser.firstLine(e.getMessage())
              + ")");
    }
  }
}
