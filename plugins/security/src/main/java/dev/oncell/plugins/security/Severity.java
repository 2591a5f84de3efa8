package dev.oncell.plugins.security;

/** How bad a finding is, most severe first (SARIF maps critical and high to error). */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO
}
