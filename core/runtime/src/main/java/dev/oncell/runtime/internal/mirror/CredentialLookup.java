package dev.oncell.runtime.internal.mirror;

import dev.oncell.git.GitCredential;
import java.util.Optional;

/**
 * Finds the git credential a customer stored for a host. Everything the host does with a remote on
 * a cell's behalf (clone, fetch, push, a forge's API) asks this, with the cell's own customer id: a
 * customer's credential is only ever used for that customer's cell and for its own host.
 */
@FunctionalInterface
public interface CredentialLookup {

  /** No credentials at all: public remotes only. */
  CredentialLookup NONE = (customerId, host) -> Optional.empty();

  Optional<GitCredential> find(String customerId, String host);
}
