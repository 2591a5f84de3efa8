package dev.oncell.client.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An operator secret: its name, a hint of its value and when it was set; never the value. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretJson(String name, String hint, String updatedAt) {}
