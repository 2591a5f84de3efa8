/** Backend implementations. Not API: use {@link dev.oncell.sandbox.SandboxBackend}'s factories. */
package dev.oncell.sandbox.internal;
