package dev.oncell.plugins.security.code;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which calls a rule entry is about: the called name (the last segment: {@code getParameter},
 * {@code execute}, {@code File} for {@code new File(..)}) matches {@code name} in full, and the
 * text of what it is called on ({@code request}, {@code Runtime.getRuntime()}, "" for a plain
 * function), without whitespace, contains a match of {@code receiver}.
 *
 * <p>Every call of every file is matched against every entry, and names repeat: the verdict on a
 * name is remembered (up to {@value #MAX_REMEMBERED} short names per entry, so a hostile file of
 * unique names costs time, bounded by the deadline, not memory).
 */
record CallPattern(Pattern name, Optional<Pattern> receiver, Map<String, Boolean> names) {

  private static final int MAX_REMEMBERED = 50_000;
  private static final int MAX_NAME = 100;

  CallPattern(Pattern name, Optional<Pattern> receiver) {
    this(name, receiver, new ConcurrentHashMap<>());
  }

  boolean matches(String calledName, String receiverText, Deadline deadline) {
    return nameMatches(calledName, deadline)
        && receiver.map(r -> deadline.find(r, receiverText)).orElse(true);
  }

  private boolean nameMatches(String calledName, Deadline deadline) {
    Boolean known = names.get(calledName);
    if (known != null) {
      return known;
    }
    boolean matches = deadline.matches(name, calledName);
    if (calledName.length() <= MAX_NAME && names.size() < MAX_REMEMBERED) {
      names.put(calledName, matches);
    }
    return matches;
  }
}
