package dev.oncell.lsp;

import dev.oncell.client.OncellClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The language server of one remote cell: a thin facade that hands each request family to its
 * handler ({@link FileRequests}, {@link SearchRequests}, {@link RunRequests}, {@link
 * SymbolRequests}, {@link NavigationRequests}) on a thread of its own, never on LSP4J's reader
 * thread. The editor's documents live in the cell, so there is no local state to synchronise: the
 * server keeps no copy of them.
 */
public final class OncellLanguageServer
    implements LanguageServer, LanguageClientAware, OncellProtocol, AutoCloseable {

  private final Async async = new Async();
  private final FileRequests files;
  private final SearchRequests search;
  private final RunRequests runs;
  private final SymbolRequests symbols;
  private final NavigationRequests navigation;
  private final AtomicReference<LanguageClient> editor = new AtomicReference<>();
  private final AtomicBoolean progressSupported = new AtomicBoolean();
  private final AtomicBoolean previewSupported = new AtomicBoolean();
  private final Runnable onExit;
  private final OpenDocuments openDocuments = new OpenDocuments();
  private final CellUris uris;
  private final dev.oncell.client.CustomerFiles cellFiles;
  private final OncellClient client;
  private final String customer;
  private volatile Duration watchInterval = FileWatch.DEFAULT_INTERVAL;
  private final AtomicBoolean watching = new AtomicBoolean();

  /**
   * @param client the oncell server's client, with a key that reaches {@code customer}
   * @param customer the cell this server exposes
   * @param onExit what {@code exit} does (the stdio launcher ends the process)
   */
  public OncellLanguageServer(OncellClient client, String customer, Runnable onExit) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(customer, "customer");
    this.onExit = Objects.requireNonNull(onExit, "onExit");
    this.client = client;
    this.customer = customer;
    this.uris = new CellUris(customer);
    this.cellFiles = client.files(customer);
    this.files = new FileRequests(cellFiles, openDocuments);
    this.search = new SearchRequests(client.search(customer));
    this.symbols = new SymbolRequests(client.search(customer), cellFiles, uris);
    this.navigation = new NavigationRequests(cellFiles, client.search(customer), symbols, uris);
    this.runs =
        new RunRequests(
            client,
            customer,
            async,
            uris,
            () -> Optional.ofNullable(editor.get()),
            progressSupported::get,
            () -> notifyChangedFiles());
  }

  /**
   * Tells the editor which of its open files changed in the cell; answers them too. One check at a
   * time (after a run, {@code checkFiles}, the {@link FileWatch}), so a change is reported once.
   */
  private List<OncellEditor.FileChanged> notifyChangedFiles() {
    synchronized (openDocuments) {
      List<OncellEditor.FileChanged> changed = openDocuments.changedIn(cellFiles, uris);
      if (editor.get() instanceof OncellEditor oncellEditor) {
        changed.forEach(oncellEditor::fileChanged);
      }
      return changed;
    }
  }

  /**
   * Whether the watch should check now: files are open and the cell is not paused (asking its state
   * does not wake it, reading a file would), so an open editor does not keep a cell awake.
   */
  private boolean worthChecking() {
    if (!openDocuments.anyOpen()) {
      return false;
    }
    String state = client.customers().get(customer).state();
    return !state.equals("PAUSED") && !state.equals("PAUSING");
  }

  /**
   * How often open files are checked for changes made in the cell ({@link FileWatch}) unless the
   * editor says otherwise at {@code initialize}; zero turns it off. Set before {@code initialize}.
   */
  void watchInterval(Duration interval) {
    this.watchInterval = Objects.requireNonNull(interval, "interval");
  }

  @Override
  public CompletableFuture<ChangedFiles> checkFiles(Object params) {
    return async.run(cancel -> new ChangedFiles(notifyChangedFiles()));
  }

  @Override
  public void connect(LanguageClient client) {
    editor.set(client);
  }

  /**
   * Answers once the server has been reached with the key and the customer found (waking a paused
   * cell), so that a wrong URL, key or customer is a clear error at sign-in ({@code unreachable},
   * {@code unauthorized}, {@code forbidden}, {@code not_found}), not at the first file.
   */
  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    return async.run(
        cancel -> {
          Duration interval = FileWatch.interval(params.getInitializationOptions(), watchInterval);
          client.customers().get(customer);
          InitializeResult result = initialized(params);
          FileWatch.enabled(interval)
              .filter(every -> watching.compareAndSet(false, true))
              .ifPresent(
                  every ->
                      async.background(
                          () ->
                              FileWatch.run(every, this::worthChecking, this::notifyChangedFiles)));
          return result;
        });
  }

  private InitializeResult initialized(InitializeParams params) {
    boolean progress =
        Optional.ofNullable(params.getCapabilities())
            .map(c -> c.getWindow())
            .map(w -> w.getWorkDoneProgress())
            .orElse(false);
    progressSupported.set(progress);
    previewSupported.set(
        Optional.ofNullable(params.getCapabilities())
            .map(c -> c.getWorkspace())
            .map(w -> w.getWorkspaceEdit())
            .map(
                e ->
                    Boolean.TRUE.equals(e.getDocumentChanges())
                        && e.getChangeAnnotationSupport() != null)
            .orElse(false));
    ServerCapabilities capabilities = new ServerCapabilities();
    // Which files are open, no contents: the server reads the cell's copy, the editor saves it.
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.None);
    capabilities.setTextDocumentSync(sync);
    capabilities.setWorkspaceSymbolProvider(true);
    capabilities.setDefinitionProvider(true);
    capabilities.setReferencesProvider(true);
    capabilities.setCodeActionProvider(true);
    capabilities.setHoverProvider(true);
    capabilities.setDocumentSymbolProvider(true);
    return new InitializeResult(capabilities, new ServerInfo("oncell", Version.current()));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    async.refuseNewRequests();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    close();
    onExit.run();
  }

  @Override
  public void close() {
    async.close();
  }

  /** Requests and followed runs in progress (tests: a closed session has none). */
  int activeTasks() {
    return async.active();
  }

  /** Whether the server was closed and all its threads ended. */
  boolean terminated() {
    return async.terminated();
  }

  @Override
  public void cancelProgress(WorkDoneProgressCancelParams params) {
    if (params.getToken() != null && params.getToken().isLeft()) {
      runs.cancelProgress(params.getToken().getLeft());
    }
  }

  @Override
  public CompletableFuture<FileContent> readFile(PathParams params) {
    return async.run(cancel -> files.read(params));
  }

  @Override
  public CompletableFuture<WrittenFile> writeFile(WriteFileParams params) {
    return async.run(cancel -> files.write(params));
  }

  @Override
  public CompletableFuture<DirectoryListing> listDirectory(PathParams params) {
    return async.run(cancel -> files.list(params));
  }

  @Override
  public CompletableFuture<FileStat> stat(PathParams params) {
    return async.run(cancel -> files.stat(params));
  }

  @Override
  public CompletableFuture<SearchAnswer> search(SearchParams params) {
    return async.run(cancel -> search.search(params));
  }

  @Override
  public CompletableFuture<GrepAnswer> grep(GrepParams params) {
    return async.run(cancel -> search.grep(params));
  }

  @Override
  public CompletableFuture<RunStarted> runAgent(RunAgentParams params) {
    return async.run(cancel -> runs.start(params));
  }

  @Override
  public CompletableFuture<RunStatus> cancelRun(RunIdParams params) {
    return async.run(cancel -> runs.cancel(params));
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  /**
   * The editor's documents are the cell's files, read and written with {@code oncell/}; which are
   * open is kept to tell the editor when a run changed one.
   */
  private final TextDocumentService documents =
      new TextDocumentService() {
        @Override
        public void didOpen(DidOpenTextDocumentParams params) {
          uris.path(params.getTextDocument().getUri()).ifPresent(openDocuments::opened);
        }

        @Override
        public void didChange(DidChangeTextDocumentParams params) {}

        @Override
        public void didClose(DidCloseTextDocumentParams params) {
          uris.path(params.getTextDocument().getUri()).ifPresent(openDocuments::closed);
        }

        @Override
        public void didSave(DidSaveTextDocumentParams params) {}

        @Override
        public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>>
            definition(DefinitionParams params) {
          return async.run(cancel -> Either.forLeft(navigation.definition(params)));
        }

        @Override
        public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(
            CodeActionParams params) {
          return CompletableFuture.completedFuture(CodeActions.of(params, previewSupported.get()));
        }

        @Override
        public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
            DocumentSymbolParams params) {
          return async.run(
              cancel ->
                  symbols.documentSymbols(params, cancel).stream()
                      .map(Either::<SymbolInformation, DocumentSymbol>forRight)
                      .toList());
        }

        @Override
        public CompletableFuture<Hover> hover(HoverParams params) {
          return async.run(cancel -> navigation.hover(params).orElse(null));
        }

        @Override
        public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
          return async.run(cancel -> navigation.references(params));
        }
      };

  private final WorkspaceService workspace =
      new WorkspaceService() {
        @Override
        public CompletableFuture<
                Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>>
            symbol(WorkspaceSymbolParams params) {
          return async.run(cancel -> Either.forRight(symbols.workspaceSymbols(params)));
        }

        @Override
        public void didChangeConfiguration(DidChangeConfigurationParams params) {}

        @Override
        public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {}
      };
}
