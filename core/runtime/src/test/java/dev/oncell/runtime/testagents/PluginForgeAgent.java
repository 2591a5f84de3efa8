package dev.oncell.runtime.testagents;

import org.pf4j.Extension;

/**
 * {@link ForgeAgent} under the name {@code plugin-forge}, deployed in a plugin that also ships
 * {@link StaticForge}.
 */
@Extension
public class PluginForgeAgent extends ForgeAgent {}
