package dev.oncell.plugins.security.code;

import java.util.List;
import java.util.Optional;

/**
 * A call, in any of the four languages, reduced to what the rules match: the called name, what it
 * is called on, and its arguments.
 *
 * @param node the whole call
 * @param name the last segment of the called name ({@code executeQuery}, {@code File} for {@code
 *     new File(..)})
 * @param receiver what it is called on ({@code stmt} in {@code stmt.executeQuery(q)}), if anything
 * @param receiverText the receiver's text without whitespace, "" when there is none
 * @param args the arguments in order
 */
record Call(Node node, String name, Optional<Node> receiver, String receiverText, List<Arg> args) {

  /** An argument: its value's node, and its keyword for a Python keyword argument. */
  record Arg(Node value, Optional<String> keyword) {}
}
