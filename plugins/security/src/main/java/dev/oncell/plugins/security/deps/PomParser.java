package dev.oncell.plugins.security.deps;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * {@code pom.xml}: the versions it declares for its dependencies ({@code dependencies} and {@code
 * dependencyManagement}, of the project and its profiles), with {@code ${...}} resolved from the
 * same pom's {@code properties}, {@code project.version}, {@code project.groupId} and the parent's
 * version. Not resolved, and reported as such: a version inherited from a parent or imported BOM, a
 * property defined elsewhere (a parent, the command line), a version range. Maven's effective model
 * needs the parent poms and repositories, which an air-gapped scan does not have.
 *
 * <p>Read with StAX with DTDs and external entities off: a hostile pom cannot read host files or
 * expand entities.
 */
final class PomParser implements LockfileParser {

  private static final int MAX_DEPTH = 64;
  private static final int MAX_INTERPOLATIONS = 10;

  private record Declared(String groupId, String artifactId, String version, int line) {}

  @Override
  public boolean accepts(String fileName) {
    return fileName.equals("pom.xml");
  }

  @Override
  public ParsedFile parse(String path, String text) {
    Map<String, String> properties = new TreeMap<>();
    List<Declared> declared = new ArrayList<>();
    try {
      read(text, properties, declared);
    } catch (XMLStreamException e) {
      throw new LockfileException("invalid XML: " + PackageLockParser.firstLine(e.getMessage()), e);
    }
    List<Dependency> out = new ArrayList<>();
    List<Unresolved> unresolved = new ArrayList<>();
    for (Declared d : declared) {
      String name = d.groupId + ":" + d.artifactId;
      if (d.version == null) {
        unresolved.add(
            new Unresolved(path, d.line, name, "no version here (from a parent or BOM)"));
        continue;
      }
      Optional<String> version = interpolate(d.version, properties);
      if (version.isEmpty()) {
        unresolved.add(
            new Unresolved(
                path, d.line, name, "property not defined in this pom: " + abbreviate(d.version)));
      } else if (version.get().startsWith("[") || version.get().startsWith("(")) {
        unresolved.add(
            new Unresolved(path, d.line, name, "version range: " + abbreviate(version.get())));
      } else if (interpolate(d.groupId + ":" + d.artifactId, properties).isPresent()) {
        out.add(
            new Dependency(
                Ecosystem.MAVEN,
                interpolate(name, properties).orElseThrow(),
                version.get(),
                path,
                d.line));
      }
    }
    return ParsedFile.of(out, unresolved);
  }

  private static void read(String text, Map<String, String> properties, List<Declared> declared)
      throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(text));
    List<String> stack = new ArrayList<>();
    StringBuilder chars = new StringBuilder();
    String groupId = null;
    String artifactId = null;
    String version = null;
    int line = 0;
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          stack.add(xml.getLocalName());
          if (stack.size() > MAX_DEPTH) {
            throw new LockfileException("XML nested deeper than " + MAX_DEPTH);
          }
          chars.setLength(0);
          if (isDependency(stack)) {
            groupId = null;
            artifactId = null;
            version = null;
            line = xml.getLocation().getLineNumber();
          }
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          if (chars.length() < 4096) {
            chars.append(xml.getText());
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String value = chars.toString().strip();
          String element = stack.getLast();
          if (isDependency(stack)) {
            if (groupId != null && artifactId != null) {
              declared.add(new Declared(groupId, artifactId, version, line));
            }
          } else if (stack.size() >= 2 && isDependency(stack.subList(0, stack.size() - 1))) {
            switch (element) {
              case "groupId" -> groupId = value;
              case "artifactId" -> artifactId = value;
              case "version" -> version = value;
              default -> {}
            }
          } else if (stack.size() == 3 && stack.get(1).equals("properties")) {
            properties.put(element, value);
          } else if (stack.size() == 2) {
            if (element.equals("version") || element.equals("groupId")) {
              properties.put("project." + element, value);
            }
          } else if (stack.size() == 3 && stack.get(1).equals("parent")) {
            if (element.equals("version") || element.equals("groupId")) {
              properties.put("project.parent." + element, value);
            }
          }
          stack.removeLast();
          chars.setLength(0);
        }
      }
    } finally {
      xml.close();
    }
    properties.putIfAbsent(
        "project.version", properties.getOrDefault("project.parent.version", ""));
    properties.putIfAbsent(
        "project.groupId", properties.getOrDefault("project.parent.groupId", ""));
    properties.values().removeIf(String::isEmpty);
  }

  /**
   * {@code project/dependencies/dependency}, {@code project/dependencyManagement/dependencies/
   * dependency} and the same under {@code project/profiles/profile}.
   */
  private static boolean isDependency(List<String> stack) {
    int n = stack.size();
    if (n < 3 || !stack.get(0).equals("project") || !stack.get(n - 1).equals("dependency")) {
      return false;
    }
    if (!stack.get(n - 2).equals("dependencies")) {
      return false;
    }
    List<String> owner = stack.subList(1, n - 2);
    if (!owner.isEmpty() && owner.getLast().equals("dependencyManagement")) {
      owner = owner.subList(0, owner.size() - 1);
    }
    return owner.isEmpty()
        || owner.size() == 2 && owner.get(0).equals("profiles") && owner.get(1).equals("profile");
  }

  /** {@code value} with every {@code ${name}} replaced, or empty if one is not defined here. */
  static Optional<String> interpolate(String value, Map<String, String> properties) {
    String v = value;
    for (int round = 0; round < MAX_INTERPOLATIONS && v.contains("${"); round++) {
      int start = v.indexOf("${");
      int end = v.indexOf('}', start);
      if (end < 0) {
        return Optional.empty();
      }
      String replacement = properties.get(v.substring(start + 2, end));
      if (replacement == null || v.length() + replacement.length() > 1024) {
        return Optional.empty();
      }
      v = v.substring(0, start) + replacement + v.substring(end + 1);
    }
    return v.contains("${") || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  private static String abbreviate(String s) {
    return RequirementsParser.abbreviate(s);
  }
}
