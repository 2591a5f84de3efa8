package dev.oncell.runtime.internal.cell;

import dev.oncell.agent.CellSpec;
import dev.oncell.runtime.CellException;
import dev.oncell.runtime.internal.egress.EgressDownload;
import dev.oncell.sandbox.EgressProxy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * {@code ctx.upload(dest, fromUrl)}: downloads a URL into the cell's work folder through the cell's
 * own egress proxy ({@link EgressDownload}), so the allow-list, the address check and the log are
 * the proxy's. A cell whose egress is blocked has no proxy, and the upload is refused before any
 * connection. The file is written beside its destination under a temporary name and moved into
 * place only when complete: a failed upload leaves nothing behind.
 */
public record CellUpload(String dest, URI url) {

  /**
   * Checks the request before the cell is woken.
   *
   * @throws CellException {@code invalid_url} (INVALID) for a URL that is not http or https
   */
  static CellUpload check(String dest, String fromUrl) {
    if (dest.isBlank()) {
      throw CellException.invalid("invalid_path", "the upload needs a destination path");
    }
    return new CellUpload(dest, EgressDownload.parse(fromUrl));
  }

  /**
   * Runs the upload in an open cell.
   *
   * @return the number of bytes written
   * @throws CellException {@code egress_blocked} (INVALID) when the cell has no egress, and what
   *     {@link EgressDownload#fetch} and {@link WorkFolder} throw
   */
  long run(CellHandles h, CellEnvironment env, CellPaths paths) {
    String target = h.files().canonical(dest);
    if (target.isEmpty()) {
      throw CellException.invalid("invalid_path", "the upload's destination needs a file name");
    }
    if (h.files().isFolder(target)) {
      throw CellException.conflict("is_a_directory", "'" + dest + "' is a folder");
    }
    if (h.egress().isEmpty() || h.profile().network().egress() == CellSpec.Network.Egress.BLOCKED) {
      env.log(paths, "upload refused url=" + url + " reason=egress_blocked");
      throw CellException.invalid(
          "egress_blocked",
          "cannot upload "
              + url
              + ": the cell's agent blocks network egress (CellSpec.network); allow the host"
              + " with Network.allow(...)");
    }
    EgressProxy proxy = h.egress().get();
    EgressDownload download =
        new EgressDownload(
            proxy.socket(),
            env.config().cells().maxUploadBytes(),
            env.config().cells().uploadTimeout(),
            defaultTls());
    // Downloaded first into the cell's data folder, which no process of the cell can reach, then
    // written into work/ like any other file (through descriptors, atomically).
    Path temp = null;
    try {
      temp = Files.createTempFile(paths.data(), "upload-", ".part");
      long bytes = download.fetch(url, temp);
      try (InputStream in = Files.newInputStream(temp)) {
        h.files().write(target, in);
      }
      env.log(paths, "upload url=" + url + " dest=" + target + " bytes=" + bytes);
      return bytes;
    } catch (CellException e) {
      env.log(paths, "upload failed url=" + url + " code=" + e.code());
      throw e;
    } catch (IOException e) {
      throw CellException.internal("cannot upload to '" + dest + "'", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A leftover .part file in data/ is harmless; the upload's result stands.
        }
      }
    }
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("TLS is part of every JDK", e);
    }
  }
}
