package dev.oncell.plugins.security.code;

import dev.oncell.plugins.security.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of one language, as loaded from its {@code rules/<language>.json}: where untrusted data
 * comes from, what cleans it, and where it must not arrive. Labels are bits: each category of sink
 * ({@code sql}, {@code xss}, ...) is one, so a sanitizer can clear one category and leave the
 * others (HTML escaping does not make a string safe for SQL).
 */
record Rules(
    String language,
    List<Source> sources,
    List<Sanitizer> sanitizers,
    List<Guard> guards,
    Optional<Pattern> mutators,
    Optional<Pattern> clean,
    List<Sink> sinks,
    Map<String, Integer> labelBits) {

  /** Where tainted data enters. Exactly one of the three ways is set. */
  record Source(
      Optional<CallPattern> call,
      Optional<Pattern> member,
      Optional<ParamPattern> param,
      int labels,
      String description) {}

  /**
   * Parameters that are input: those with an annotation ({@code @RequestParam}), a type ({@code
   * *http.Request}) or of a function with a decorator ({@code @app.route}) that matches.
   */
  record ParamPattern(
      Optional<Pattern> annotation, Optional<Pattern> type, Optional<Pattern> decorator) {}

  /** A call whose result is clean of {@code clears} (bits) whatever its input. */
  record Sanitizer(CallPattern call, int clears) {}

  /**
   * A check that, where it holds, makes its argument (or the value it is called on) clean of {@code
   * clears}: {@code ALLOWED.contains(x)}, {@code x.matches("[a-z]+")}.
   */
  record Guard(CallPattern call, int clears) {}

  /**
   * A place data must not reach, or a call that is a finding in itself.
   *
   * @param args the positions of the arguments that matter (empty: all)
   * @param keywords keyword arguments that matter (Python {@code filter=...})
   * @param receiverTainted the value the call is made on matters too ({@code ois.readObject()})
   * @param assign instead of a call, an assignment whose target text matches
   * @param returnIn instead of a call, a {@code return} in a function whose name matches
   * @param argConst a finding when the argument at {@code args[0]} is a constant matching this
   * @param always a finding whenever the call is made
   * @param missing a finding when one of these is absent from the call and what it uses
   * @param requires only when the call's text matches
   * @param unless not when the call's text matches
   * @param fileRequires only in files whose text matches ({@code "math/rand"})
   */
  record Sink(
      String id,
      String category,
      String title,
      String cwe,
      Severity severity,
      int label,
      Optional<CallPattern> call,
      List<Integer> args,
      List<String> keywords,
      boolean receiverTainted,
      Optional<Pattern> assign,
      Optional<Pattern> returnIn,
      Optional<Pattern> argConst,
      boolean always,
      List<Pattern> missing,
      Optional<Pattern> requires,
      Optional<Pattern> unless,
      Optional<Pattern> fileRequires) {

    /** Whether a taint flow (rather than the call's shape) makes this sink a finding. */
    boolean taintSink() {
      return argConst.isEmpty() && !always && missing.isEmpty();
    }
  }
}
