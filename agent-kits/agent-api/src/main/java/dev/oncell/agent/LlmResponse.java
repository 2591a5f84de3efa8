package dev.oncell.agent;

/** What a model answered, and which model did. */
public record LlmResponse(String text, String model) {}
