package dev.oncell.testkit;

import dev.oncell.agent.Agent;
import org.pf4j.Extension;

/**
 * A second agent in the same test-classes folder: the kit's jar must index only the agent under
 * test, since a plugin holds exactly one.
 */
@Extension
public class OtherAgent extends Agent {}
