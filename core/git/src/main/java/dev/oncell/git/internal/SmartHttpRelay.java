package dev.oncell.git.internal;

import dev.oncell.git.GitException;
import dev.oncell.git.GitRelay;
import dev.oncell.git.GitRequest;
import dev.oncell.git.GitResponse;
import dev.oncell.git.HostMirror;
import dev.oncell.git.RelayHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.UploadPack;

/** {@link GitRelay} with JGit core's {@code UploadPack} and {@code ReceivePack}. */
public final class SmartHttpRelay implements GitRelay {

  static final String UPLOAD = "git-upload-pack";
  static final String RECEIVE = "git-receive-pack";

  private final Repository repo;
  private final RelayHooks hooks;
  private final Access access;
  private final long maxPackBytes;

  private SmartHttpRelay(Repository repo, RelayHooks hooks, Access access, long maxPackBytes) {
    this.repo = repo;
    this.hooks = hooks;
    this.access = access;
    this.maxPackBytes = maxPackBytes;
  }

  public static GitRelay create(
      HostMirror mirror, RelayHooks hooks, Access access, long maxPackBytes) {
    if (maxPackBytes <= 0) {
      throw new IllegalArgumentException("maxPackBytes must be positive");
    }
    Objects.requireNonNull(mirror, "mirror");
    if (!(mirror instanceof DefaultHostMirror m)) {
      throw new IllegalArgumentException("a GitRelay serves a mirror opened by HostMirror.open");
    }
    return new SmartHttpRelay(
        m.repository(),
        Objects.requireNonNull(hooks, "hooks"),
        Objects.requireNonNull(access, "access"),
        maxPackBytes);
  }

  @Override
  public void handle(GitRequest request, GitResponse response) throws IOException {
    String path = request.path();
    String method = request.method();
    if (path.endsWith("/info/refs") || path.equals("info/refs")) {
      if (!method.equals("GET")) {
        text(response, 405, "use GET for info/refs");
        return;
      }
      Optional<String> service = request.queryParameter("service");
      if (service.isEmpty() || !(service.get().equals(UPLOAD) || service.get().equals(RECEIVE))) {
        text(response, 403, "only git's smart HTTP protocol is served");
        return;
      }
      advertise(request, response, service.get());
    } else if (path.endsWith("/" + UPLOAD) || path.equals(UPLOAD)) {
      if (!method.equals("POST")) {
        text(response, 405, "use POST for " + UPLOAD);
        return;
      }
      upload(request, response);
    } else if (path.endsWith("/" + RECEIVE) || path.equals(RECEIVE)) {
      if (!method.equals("POST")) {
        text(response, 405, "use POST for " + RECEIVE);
        return;
      }
      if (access == Access.READ_ONLY) {
        text(response, 403, "this repository is read-only: push is not enabled");
        return;
      }
      receive(request, response);
    } else {
      text(response, 404, "not found");
    }
  }

  private void advertise(GitRequest request, GitResponse response, String service)
      throws IOException {
    if (service.equals(RECEIVE) && access == Access.READ_ONLY) {
      text(response, 403, "this repository is read-only: push is not enabled");
      return;
    }
    Map<String, String> headers =
        Map.of(
            "Content-Type",
            "application/x-" + service + "-advertisement",
            "Cache-Control",
            "no-cache");
    try {
      hooks.beforeAdvertise(service);
    } catch (GitException e) {
      OutputStream out = response.start(200, headers);
      PacketLineOut pck = new PacketLineOut(out);
      pck.writeString("# service=" + service + "\n");
      pck.end();
      pck.writeString("ERR " + oneLine(e.getMessage()) + "\n");
      out.flush();
      return;
    }
    OutputStream out = response.start(200, headers);
    PacketLineOut pck = new PacketLineOut(out);
    if (service.equals(UPLOAD)) {
      UploadPack up = uploadPack(request);
      try {
        up.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(pck), service);
      } catch (ServiceMayNotContinueException e) {
        pck.writeString("ERR " + oneLine(e.getMessage()) + "\n");
      } finally {
        up.getRevWalk().close();
      }
    } else {
      pck.writeString("# service=" + service + "\n");
      pck.end();
      ReceivePack rp = receivePack();
      try {
        rp.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(pck));
      } catch (ServiceMayNotContinueException e) {
        pck.writeString("ERR " + oneLine(e.getMessage()) + "\n");
      } finally {
        rp.getRevWalk().close();
      }
    }
    out.flush();
  }

  private UploadPack uploadPack(GitRequest request) {
    UploadPack up = new UploadPack(repo);
    up.setBiDirectionalPipe(false);
    Optional<String> protocol = request.header("Git-Protocol");
    if (protocol.isPresent()) {
      List<String> params = new ArrayList<>();
      for (String p : protocol.get().split(":")) {
        if (!p.isBlank()) {
          params.add(p.strip());
        }
      }
      up.setExtraParameters(params);
    }
    up.setTimeout(RemoteSession.TIMEOUT_SECONDS);
    return up;
  }

  private ReceivePack receivePack() {
    ReceivePack rp = new ReceivePack(repo);
    rp.setBiDirectionalPipe(false);
    rp.setAllowNonFastForwards(true);
    rp.setAllowDeletes(true);
    rp.setMaxPackSizeLimit(maxPackBytes);
    // fsck what a cell sends: malformed objects (a tree entry named .git, ...) never reach the
    // mirror, nor the upstream it forwards to.
    rp.setCheckReceivedObjects(true);
    rp.setTimeout(RemoteSession.TIMEOUT_SECONDS);
    rp.setPreReceiveHook((pack, commands) -> beforeReceive(commands));
    return rp;
  }

  private void beforeReceive(Collection<ReceiveCommand> commands) {
    for (ReceiveCommand cmd : commands) {
      if (cmd.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
        continue;
      }
      String ref = cmd.getRefName();
      if (!ref.startsWith("refs/heads/") && !ref.startsWith("refs/tags/")) {
        cmd.setResult(
            ReceiveCommand.Result.REJECTED_OTHER_REASON, "only branches and tags can be pushed");
        continue;
      }
      RelayHooks.RefUpdate update =
          new RelayHooks.RefUpdate(
              ref,
              id(cmd.getOldId()),
              id(cmd.getNewId()),
              cmd.getType() != ReceiveCommand.Type.UPDATE_NONFASTFORWARD);
      Optional<String> rejection;
      try {
        rejection = hooks.beforeUpdate(update);
      } catch (GitException e) {
        rejection = Optional.of(e.code() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        rejection = Optional.of("the host could not forward this update");
      }
      rejection.ifPresent(
          why -> cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, oneLine(why)));
    }
  }

  private static Optional<String> id(ObjectId id) {
    return id == null || id.equals(ObjectId.zeroId()) ? Optional.empty() : Optional.of(id.name());
  }

  private void upload(GitRequest request, GitResponse response) throws IOException {
    UploadPack up = uploadPack(request);
    LazyResponse out = new LazyResponse(response, "application/x-" + UPLOAD + "-result");
    try {
      up.upload(body(request), out, null);
    } catch (ServiceMayNotContinueException e) {
      failure(out, e.getMessage());
    } catch (IOException e) {
      if (!out.started()) {
        text(response, 400, "git-upload-pack failed: " + oneLine(String.valueOf(e.getMessage())));
        return;
      }
      throw e;
    }
    out.flush();
  }

  private void receive(GitRequest request, GitResponse response) throws IOException {
    ReceivePack rp = receivePack();
    LazyResponse out = new LazyResponse(response, "application/x-" + RECEIVE + "-result");
    try {
      rp.receive(body(request), out, null);
    } catch (IOException e) {
      if (!out.started()) {
        text(response, 400, "git-receive-pack failed: " + oneLine(String.valueOf(e.getMessage())));
        return;
      }
      throw e;
    }
    out.flush();
  }

  private static void failure(LazyResponse out, String message) throws IOException {
    if (!out.started()) {
      PacketLineOut pck = new PacketLineOut(out);
      pck.writeString("ERR " + oneLine(message) + "\n");
    }
  }

  private static InputStream body(GitRequest request) throws IOException {
    String encoding = request.header("Content-Encoding").orElse("");
    if (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip")) {
      return new GZIPInputStream(request.body());
    }
    return request.body();
  }

  private static String oneLine(String s) {
    String t = s == null ? "failed" : s.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").strip();
    return t.length() > 900 ? t.substring(0, 900) + "..." : t;
  }

  private static void text(GitResponse response, int status, String message) throws IOException {
    OutputStream out = response.start(status, Map.of("Content-Type", "text/plain; charset=utf-8"));
    out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Starts the 200 answer on the first byte, so a failure before it can still be a 4xx. */
  private static final class LazyResponse extends OutputStream {
    private final GitResponse response;
    private final String contentType;
    private OutputStream out;

    LazyResponse(GitResponse response, String contentType) {
      this.response = response;
      this.contentType = contentType;
    }

    boolean started() {
      return out != null;
    }

    private OutputStream out() throws IOException {
      if (out == null) {
        out = response.start(200, Map.of("Content-Type", contentType, "Cache-Control", "no-cache"));
      }
      return out;
    }

    @Override
    public void write(int b) throws IOException {
      out().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out().flush();
    }
  }
}
