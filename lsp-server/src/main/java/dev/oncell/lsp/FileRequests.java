package dev.oncell.lsp;

import dev.oncell.client.CustomerFiles;
import dev.oncell.client.DirectoryListing;
import dev.oncell.client.FileEntry;
import dev.oncell.client.OncellApiException;
import dev.oncell.client.VersionedContent;
import dev.oncell.client.WriteCondition;
import dev.oncell.lsp.OncellProtocol.Entry;
import dev.oncell.lsp.OncellProtocol.FileContent;
import dev.oncell.lsp.OncellProtocol.FileStat;
import dev.oncell.lsp.OncellProtocol.PathParams;
import dev.oncell.lsp.OncellProtocol.WriteFileParams;
import dev.oncell.lsp.OncellProtocol.WrittenFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code oncell/readFile}, {@code writeFile}, {@code listDirectory} and {@code stat}: the cell's
 * files through the files API. Writes are conditional on the version the client last saw, so an
 * edit never silently replaces what an agent or a shell command wrote meanwhile.
 */
final class FileRequests {

  /** Larger files are refused with {@code file_too_large}: an editor opens them elsewhere. */
  static final int MAX_FILE_BYTES = 16 << 20;

  static final String UTF_8 = "utf-8";
  static final String BASE64 = "base64";

  private final CustomerFiles files;
  private final OpenDocuments documents;

  FileRequests(CustomerFiles files, OpenDocuments documents) {
    this.files = files;
    this.documents = documents;
  }

  FileContent read(PathParams params) {
    String path = path(params == null ? null : params.path());
    // Bounded: a huge file is refused without being read into memory (this may run in the server).
    VersionedContent read = files.readVersioned(path, MAX_FILE_BYTES);
    documents.saw(path, read.version());
    byte[] bytes = read.content();
    Optional<String> text = text(bytes);
    return new FileContent(
        path,
        text.orElseGet(() -> Base64.getEncoder().encodeToString(bytes)),
        text.isPresent() ? UTF_8 : BASE64,
        bytes.length,
        read.version().orElse(null));
  }

  WrittenFile write(WriteFileParams params) {
    if (params == null) {
      throw Failures.invalidParams("invalid_params", "writeFile needs {path, content}");
    }
    String path = path(params.path());
    if (params.content() == null) {
      throw Failures.invalidParams("invalid_params", "writeFile needs content");
    }
    byte[] bytes = bytes(params.content(), Optional.ofNullable(params.encoding()).orElse(UTF_8));
    WriteCondition condition = condition(params);
    dev.oncell.client.WrittenFile written = files.write(path, bytes, condition);
    documents.saw(path, written.version());
    return new WrittenFile(written.path(), written.size(), written.version().orElse(null));
  }

  OncellProtocol.DirectoryListing list(PathParams params) {
    String path = params == null || params.path() == null ? "" : relative(params.path());
    DirectoryListing listing = files.list(path);
    List<Entry> entries =
        listing.entries().stream()
            .map(e -> new Entry(e.name(), e.type().wireName(), e.size()))
            .toList();
    return new OncellProtocol.DirectoryListing(listing.path(), entries);
  }

  /** The root is a folder; anything else is looked up in its parent's listing. */
  FileStat stat(PathParams params) {
    String path = params == null || params.path() == null ? "" : relative(params.path());
    if (path.isEmpty()) {
      return new FileStat("", FileEntry.Type.DIRECTORY.wireName(), 0);
    }
    int slash = path.lastIndexOf('/');
    String parent = slash < 0 ? "" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    DirectoryListing listing;
    try {
      listing = files.list(parent);
    } catch (OncellApiException e) {
      if (e.code().equals("not_a_directory")) {
        throw notFound(path);
      }
      throw e;
    }
    return listing.entries().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .map(e -> new FileStat(path, e.type().wireName(), e.size()))
        .orElseThrow(() -> notFound(path));
  }

  private static OncellApiException notFound(String path) {
    return new OncellApiException(404, "not_found", "no file '" + path + "' in the cell");
  }

  private static WriteCondition condition(WriteFileParams params) {
    if (params.version() != null) {
      try {
        return WriteCondition.ifVersion(params.version());
      } catch (IllegalArgumentException e) {
        throw Failures.invalidParams("invalid_version", e.getMessage());
      }
    }
    return Boolean.TRUE.equals(params.force())
        ? WriteCondition.always()
        : WriteCondition.ifAbsent();
  }

  private static byte[] bytes(String content, String encoding) {
    return switch (encoding) {
      case UTF_8 -> content.getBytes(StandardCharsets.UTF_8);
      case BASE64 -> {
        try {
          yield Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
          throw Failures.invalidParams(
              "invalid_content", "content is not base64: " + e.getMessage());
        }
      }
      default ->
          throw Failures.invalidParams(
              "invalid_encoding", "encoding must be utf-8 or base64, not '" + encoding + "'");
    };
  }

  /** The bytes as text when they are valid UTF-8 without NULs; binary otherwise. */
  private static Optional<String> text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** A required path to a file: not empty. */
  static String path(String given) {
    if (given == null || relative(given).isEmpty()) {
      throw Failures.invalidParams("invalid_path", "a file path is required");
    }
    return relative(given);
  }

  /**
   * A path as the API takes it: no leading slash. {@code .} and {@code ..} segments are refused
   * here with a clear error (an HTTP client would resolve them into another URL); the server guards
   * the rest (links, escapes).
   */
  static String relative(String given) {
    String path = given;
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw Failures.invalidParams(
            "invalid_path", "'" + given + "' has a . or .. segment; paths stay inside the cell");
      }
    }
    return path;
  }
}
