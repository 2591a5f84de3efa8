package dev.oncell.runtime.internal.plugins;

/** Short messages from long library errors. */
public final class AgentPluginMessages {

  private AgentPluginMessages() {}

  /** The first line of a message, at most 300 characters: Jackson appends source excerpts. */
  public static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.lines().findFirst().orElse("");
    return line.length() <= 300 ? line : line.substring(0, 297) + "...";
  }
}
