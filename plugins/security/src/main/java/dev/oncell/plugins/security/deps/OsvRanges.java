package dev.oncell.plugins.security.deps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The versions one OSV {@code affected[]} entry covers: its {@code SEMVER} and {@code ECOSYSTEM}
 * ranges and its explicit {@code versions[]}, evaluated as the OSV schema says: events sorted by
 * version, {@code introduced} opens an interval ({@code "0"} is before every version), {@code
 * fixed} closes it before that version, {@code last_affected} after it, {@code limit} bounds the
 * range. {@code GIT} ranges name commits, which a lock file's version cannot be placed among; their
 * records' {@code versions[]} (which OSV fills in for git ranges) still match.
 *
 * <p>A range with an event that is not a version of the ecosystem's ordering is skipped rather than
 * guessed at.
 */
record OsvRanges(List<Range> ranges, List<String> versions) {

  enum Kind {
    INTRODUCED,
    FIXED,
    LAST_AFFECTED,
    LIMIT
  }

  record Event(Kind kind, String version) {}

  record Range(String type, List<Event> events) {}

  /**
   * Why a version is affected: the interval it is in ({@code >=1.0.0, <1.2.3}) or that it is
   * listed, and the first fixed version after it, if any.
   */
  record Match(String affected, Optional<String> fixed) {}

  /** The compact form kept in the snapshot: {@code {"ranges":[{type, events}], "versions":[]}}. */
  static ObjectNode compact(JsonNode affected) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode ranges = out.putArray("ranges");
    for (JsonNode range : affected.path("ranges")) {
      String type = range.path("type").asText("");
      if (type.equals("SEMVER") || type.equals("ECOSYSTEM")) {
        ObjectNode r = ranges.addObject();
        r.put("type", type);
        ArrayNode events = r.putArray("events");
        for (JsonNode event : range.path("events")) {
          for (String kind : List.of("introduced", "fixed", "last_affected", "limit")) {
            if (event.path(kind).isTextual()) {
              events.addObject().put(kind, event.path(kind).asText());
            }
          }
        }
      }
    }
    ArrayNode versions = out.putArray("versions");
    for (JsonNode v : affected.path("versions")) {
      if (v.isTextual()) {
        versions.add(v.asText());
      }
    }
    out.put("git", hasGitRange(affected));
    return out;
  }

  private static boolean hasGitRange(JsonNode affected) {
    for (JsonNode range : affected.path("ranges")) {
      if (range.path("type").asText("").equals("GIT")) {
        return true;
      }
    }
    return false;
  }

  static OsvRanges fromCompact(JsonNode node) {
    List<Range> ranges = new ArrayList<>();
    for (JsonNode range : node.path("ranges")) {
      List<Event> events = new ArrayList<>();
      for (JsonNode event : range.path("events")) {
        event
            .fieldNames()
            .forEachRemaining(
                k ->
                    events.add(
                        new Event(
                            Kind.valueOf(k.toUpperCase(java.util.Locale.ROOT)),
                            event.get(k).asText())));
      }
      ranges.add(new Range(range.path("type").asText(), events));
    }
    List<String> versions = new ArrayList<>();
    node.path("versions").forEach(v -> versions.add(v.asText()));
    // An entry with nothing to go by (and no git range either) affects every version.
    if (ranges.isEmpty() && versions.isEmpty() && !node.path("git").asBoolean(false)) {
      ranges.add(new Range("ECOSYSTEM", List.of(new Event(Kind.INTRODUCED, "0"))));
    }
    return new OsvRanges(ranges, versions);
  }

  /** Whether {@code version} is affected, and how; empty when it is not. */
  Optional<Match> match(String version, VersionOrder order) {
    for (String listed : versions) {
      if (sameVersion(listed, version, order)) {
        return Optional.of(new Match("listed version " + listed, firstFixedAfter(version, order)));
      }
    }
    for (Range range : ranges) {
      Optional<Match> m = matchRange(range, version, order);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  private static Optional<Match> matchRange(Range range, String version, VersionOrder order) {
    List<Event> sorted;
    try {
      for (Event e : range.events()) {
        if (!(e.kind() == Kind.INTRODUCED && e.version().equals("0"))) {
          order.compare(e.version(), e.version()); // refuses what is not a version
        }
      }
      sorted = sort(range.events(), order);
      order.compare(version, version);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    boolean affected = false;
    Event opened = null;
    for (Event e : sorted) {
      switch (e.kind()) {
        case INTRODUCED -> {
          if (e.version().equals("0") || order.compare(version, e.version()) >= 0) {
            affected = true;
            opened = e;
          }
        }
        case FIXED -> {
          if (order.compare(version, e.version()) >= 0) {
            affected = false;
          }
        }
        case LAST_AFFECTED -> {
          if (order.compare(version, e.version()) > 0) {
            affected = false;
          }
        }
        case LIMIT -> {
          if (order.compare(version, e.version()) >= 0) {
            affected = false;
          }
        }
      }
    }
    if (!affected) {
      return Optional.empty();
    }
    // The interval: from the introduced event that opened it to the next closing event.
    int start = sorted.indexOf(opened);
    String lower = opened.version().equals("0") ? ">=0" : ">=" + opened.version();
    for (Event e : sorted.subList(start + 1, sorted.size())) {
      switch (e.kind()) {
        case FIXED -> {
          return Optional.of(new Match(lower + ", <" + e.version(), Optional.of(e.version())));
        }
        case LAST_AFFECTED -> {
          return Optional.of(new Match(lower + ", <=" + e.version(), Optional.empty()));
        }
        case LIMIT -> {
          return Optional.of(new Match(lower + ", <" + e.version(), Optional.empty()));
        }
        case INTRODUCED -> {}
      }
    }
    return Optional.of(new Match(lower, Optional.empty()));
  }

  /** Events by version; {@code introduced: "0"} first; at one version, introduced first. */
  private static List<Event> sort(List<Event> events, VersionOrder order) {
    Comparator<Event> byVersion =
        (a, b) -> {
          boolean az = a.kind() == Kind.INTRODUCED && a.version().equals("0");
          boolean bz = b.kind() == Kind.INTRODUCED && b.version().equals("0");
          if (az || bz) {
            return Boolean.compare(bz, az);
          }
          return order.compare(a.version(), b.version());
        };
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(byVersion.thenComparing(Event::kind));
    return sorted;
  }

  /** The smallest {@code fixed} version above {@code version} in any range, for listed matches. */
  private Optional<String> firstFixedAfter(String version, VersionOrder order) {
    String best = null;
    for (Range range : ranges) {
      for (Event e : range.events()) {
        try {
          if (e.kind() == Kind.FIXED
              && order.compare(e.version(), version) > 0
              && (best == null || order.compare(e.version(), best) < 0)) {
            best = e.version();
          }
        } catch (IllegalArgumentException ignored) {
          // an event that is not a version of this ordering says nothing about a fix
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean sameVersion(String a, String b, VersionOrder order) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return order.compare(a, b) == 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
