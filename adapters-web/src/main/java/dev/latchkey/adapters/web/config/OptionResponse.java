package dev.latchkey.adapters.web.config;

import io.micronaut.serde.annotation.Serdeable;

/** One option of a select: {@code {"label": "#general", "value": "C0123"}}. */
@Serdeable
public record OptionResponse(String label, String value) {
}
