/** Agents packed into real plugin jars by tests. */
package dev.oncell.runtime.testagents;
