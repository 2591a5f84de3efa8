package dev.oncell.plugins.security.code;

import org.pf4j.Extension;

/**
 * {@link CodeProbeAgent} deployed the way the security plugin ships: in one jar with the plugin's
 * classes and its bundled tree-sitter (classes and natives).
 */
@Extension
public class BundledCodeProbeAgent extends CodeProbeAgent {}
