/**
 * Loading agent plugins. Each deployed version gets its own PF4J plugin manager and class loader;
 * an {@link dev.oncell.runtime.internal.plugins.AgentPlugin} is the loaded agent with its callable
 * methods. A jar that is not a valid plugin is an {@code invalid_plugin} error, never a crash of
 * the host.
 */
package dev.oncell.runtime.internal.plugins;
