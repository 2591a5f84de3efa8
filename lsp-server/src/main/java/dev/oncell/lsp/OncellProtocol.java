package dev.oncell.lsp;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/**
 * The requests under {@code oncell/} that an editor sends besides standard LSP: the cell's files,
 * its index and its agent runs. Paths are relative to the cell's root with {@code /} separators.
 *
 * <p>Every record here is a JSON shape on the wire (LSP4J maps it with Gson); a field that may be
 * absent is nullable, as JSON-RPC has it. Failures are JSON-RPC errors with code {@code -32803}
 * (request failed) or {@code -32602} (invalid params) whose {@code data} is {@code {"code",
 * "status"}}: the oncell error code ({@code version_conflict}, {@code not_found}, ...) and the HTTP
 * status behind it.
 */
@JsonSegment("oncell")
public interface OncellProtocol {

  /** {@code oncell/readFile}: a file's content and version. */
  @JsonRequest
  CompletableFuture<FileContent> readFile(PathParams params);

  /**
   * {@code oncell/writeFile}: writes a file if it is still at the version the client last saw. With
   * no {@code version}, only a new file is written unless {@code force} is true; a file changed in
   * the cell meanwhile fails with {@code version_conflict} and nothing is overwritten.
   */
  @JsonRequest
  CompletableFuture<WrittenFile> writeFile(WriteFileParams params);

  /** {@code oncell/listDirectory}: a folder's entries, sorted by name. */
  @JsonRequest
  CompletableFuture<DirectoryListing> listDirectory(PathParams params);

  /** {@code oncell/stat}: what is at a path; {@code not_found} if nothing. */
  @JsonRequest
  CompletableFuture<FileStat> stat(PathParams params);

  /** {@code oncell/search}: the cell's index, best hits first. */
  @JsonRequest
  CompletableFuture<SearchAnswer> search(SearchParams params);

  /** {@code oncell/grep}: lines matching a regular expression, in path and line order. */
  @JsonRequest
  CompletableFuture<GrepAnswer> grep(GrepParams params);

  /**
   * {@code oncell/runAgent}: starts an agent method and answers its run id at once; the run then
   * shows as work-done progress (token {@code oncell-run-<runId>}) and its findings as diagnostics.
   */
  @JsonRequest
  CompletableFuture<RunStarted> runAgent(RunAgentParams params);

  /** {@code oncell/cancelRun}: cancels a run; {@code run_finished} if it had ended. */
  @JsonRequest
  CompletableFuture<RunStatus> cancelRun(RunIdParams params);

  /**
   * {@code oncell/checkFiles}: which open files changed in the cell since the editor last read or
   * wrote them (a shell command, another editor); each is also sent as {@code oncell/fileChanged}.
   * After a run the server checks by itself; an editor calls this when it regains focus, say.
   */
  @JsonRequest
  CompletableFuture<ChangedFiles> checkFiles(Object params);

  record ChangedFiles(List<OncellEditor.FileChanged> changed) {}

  /** A path in the cell. */
  record PathParams(String path) {}

  /**
   * @param content the text, or base64 when {@code encoding} is {@code base64}
   * @param encoding {@code utf-8} or {@code base64} (a file that is not valid UTF-8, or has NULs)
   * @param version the version to send back with {@code writeFile}; null for files too large to be
   *     versioned
   */
  record FileContent(String path, String content, String encoding, long size, String version) {}

  /**
   * @param encoding {@code utf-8} (the default) or {@code base64}
   * @param version the version the client last saw; null to create a new file
   * @param force write whatever is there (only when {@code version} is null)
   */
  record WriteFileParams(
      String path, String content, String encoding, String version, Boolean force) {}

  record WrittenFile(String path, long size, String version) {}

  /**
   * @param type {@code file}, {@code dir}, {@code symlink} or {@code other}
   */
  record Entry(String name, String type, long size) {}

  record DirectoryListing(String path, List<Entry> entries) {}

  /**
   * @param type {@code file}, {@code dir}, {@code symlink} or {@code other}
   */
  record FileStat(String path, String type, long size) {}

  /**
   * @param topK 1 to 100, 10 when absent
   */
  record SearchParams(String query, Integer topK, String glob) {}

  /** Lines are 1-based as the API gives them; {@code symbol} may be null. */
  record Hit(
      String path,
      String content,
      double score,
      int startLine,
      int endLine,
      String symbol,
      String language) {}

  record SearchAnswer(List<Hit> hits, long tookMs) {}

  /**
   * @param limit 1 to 10000, 1000 when absent
   */
  record GrepParams(String regex, String glob, Integer limit) {}

  record GrepMatch(String path, int line, String text) {}

  record GrepAnswer(List<GrepMatch> matches, boolean truncated, long tookMs) {}

  /**
   * @param input the method's input, any JSON; null when the method takes none
   */
  record RunAgentParams(String method, JsonElement input) {}

  /**
   * @param progressToken the work-done progress token the run reports under
   */
  record RunStarted(String runId, String progressToken) {}

  record RunIdParams(String runId) {}

  record RunStatus(String runId, String status) {}
}
