package dev.oncell.plugins.security.code;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which calls a rule entry is about: the called name (the last segment: {@code getParameter},
 * {@code execute}, {@code File} for {@code new File(..)}) matches {@code name} in full, and the
 * text of what it is called on ({@code request}, {@code Runtime.getRuntime()}, "" for a plain
 * function), without whitespace, contains a match of {@code receiver}.
 */
record CallPattern(Pattern name, Optional<Pattern> receiver) {

  boolean matches(String calledName, String receiverText, Deadline deadline) {
    return deadline.matches(name, calledName)
        && receiver.map(r -> deadline.find(r, receiverText)).orElse(true);
  }
}
