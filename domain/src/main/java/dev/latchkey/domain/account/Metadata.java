package dev.latchkey.domain.account;

import java.nio.charset.StandardCharsets;

/**
 * The company's free-form data about a linked account: a JSON object, kept as its serialized text,
 * at most 16 KiB. The adapter that reads JSON checks that it is an object and hands over its text.
 */
public record Metadata(String json) {
    public static final int MAX_BYTES = 16 * 1024;
    public static final Metadata EMPTY = new Metadata("{}");

    public Metadata {
        if (json == null || !json.startsWith("{") || !json.endsWith("}")) {
            throw new IllegalArgumentException("must be a JSON object, e.g. {\"plan\": \"pro\"}");
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "must be at most " + MAX_BYTES + " bytes when serialized (got " + bytes + "); keep large data in your own store");
        }
    }
}
