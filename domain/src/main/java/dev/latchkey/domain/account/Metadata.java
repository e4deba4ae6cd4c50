package dev.latchkey.domain.account;

import dev.latchkey.domain.StorableText;

import java.nio.charset.StandardCharsets;

/**
 * The company's free-form data about a linked account: a JSON object, kept as its serialized text,
 * at most 16 KiB. The adapter that reads JSON checks that it is an object and hands over its text.
 * It must be storable as jsonb: no NUL, raw or escaped as &#92;u0000, and no lone surrogate.
 */
public record Metadata(String json) {
    public static final int MAX_BYTES = 16 * 1024;
    public static final Metadata EMPTY = new Metadata("{}");

    public Metadata {
        if (json == null || !json.startsWith("{") || !json.endsWith("}")) {
            throw new IllegalArgumentException("must be a JSON object, e.g. {\"plan\": \"pro\"}");
        }
        StorableText.require(json);
        if (hasEscapedNul(json)) {
            throw new IllegalArgumentException("must not contain the NUL character (U+0000), not even escaped as \\u0000");
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "must be at most " + MAX_BYTES + " bytes when serialized (got " + bytes + "); keep large data in your own store");
        }
    }

    /** &#92;u0000 written as a JSON escape: jsonb refuses it as it refuses the character. */
    private static boolean hasEscapedNul(String json) {
        for (int i = json.indexOf('\\'); i >= 0; i = json.indexOf('\\', i + 2)) {
            if (json.startsWith("u0000", i + 1)) {
                return true;
            }
        }
        return false;
    }
}
