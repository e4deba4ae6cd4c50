package dev.latchkey.adapters.persistence.crypto;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys that encrypt secrets at rest, from {@value #PROPERTY} ({@code LATCHKEY_ENCRYPTION_KEYS}):
 * a comma-separated list of {@code id:base64key}, each key 32 bytes (AES-256). The first key encrypts;
 * every key decrypts, so a new key is put first and the old ones stay until re-encryption is done.
 *
 * <p>Created with the application context, so a malformed value stops the start. Error messages
 * name the entry by position (and its id when the id is valid), never a key or anything that could
 * be part of one.
 */
@Context
@Requires(property = EncryptionKeys.PROPERTY)
public final class EncryptionKeys {
    public static final String PROPERTY = "latchkey.encryption-keys";
    public static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final String SHAPE = "give a comma-separated list of id:base64key, the id 1-32 of A-Z a-z 0-9 _ -, "
            + "the key 32 random bytes in base64 (e.g. `openssl rand -base64 32`), the key that encrypts first";

    private final Key current;
    private final Map<String, Key> byId;

    @Inject
    public EncryptionKeys(@Value("${" + PROPERTY + ":}") String configured) {
        this(parse(configured));
    }

    private EncryptionKeys(List<Key> keys) {
        this.current = keys.get(0);
        Map<String, Key> map = new LinkedHashMap<>();
        keys.forEach(key -> map.put(key.id(), key));
        this.byId = Map.copyOf(map);
    }

    /** Parses a value of {@value #PROPERTY}; a malformed value is a {@link ConfigurationException} that says what to fix. */
    public static EncryptionKeys of(String configured) {
        return new EncryptionKeys(parse(configured));
    }

    /** A fresh entry {@code id:base64key} with 32 random bytes, for an operator's or a test's configuration. */
    public static String generateEntry(String id, SecureRandom random) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a key id is 1-32 of A-Z a-z 0-9 _ -");
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    private static List<Key> parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw invalid("is empty: " + SHAPE);
        }
        String[] entries = configured.split(",", -1);
        Map<String, Key> keys = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            String where = "entry " + (i + 1) + " of " + entries.length;
            int colon = entry.indexOf(':');
            if (entry.isEmpty()) {
                throw invalid(where + " is empty (a stray comma?): " + SHAPE);
            }
            if (colon < 0) {
                throw invalid(where + " has no ':' between the id and the key: " + SHAPE);
            }
            String id = entry.substring(0, colon).strip();
            if (!ID.matcher(id).matches()) {
                throw invalid(where + " has an id that is not 1-32 of A-Z a-z 0-9 _ -: " + SHAPE);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                // The decoder's message quotes a character of the key: not passed on.
                throw invalid(where + " (id '" + id + "'): the key is not valid base64: " + SHAPE);
            }
            if (bytes.length != KEY_BYTES) {
                throw invalid(where + " (id '" + id + "'): the key is " + bytes.length + " bytes, an AES-256 key is "
                        + KEY_BYTES + ": " + SHAPE);
            }
            if (keys.containsKey(id)) {
                throw invalid(where + ": the id '" + id + "' is given twice; every key needs its own id");
            }
            keys.put(id, new Key(id, new SecretKeySpec(bytes, "AES")));
        }
        return List.copyOf(keys.values());
    }

    private static ConfigurationException invalid(String detail) {
        return new ConfigurationException(PROPERTY + " (LATCHKEY_ENCRYPTION_KEYS) " + detail);
    }

    /** The key that encrypts. */
    public Key current() {
        return current;
    }

    public Optional<Key> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean isCurrent(String id) {
        return current.id().equals(id);
    }

    @Override
    public String toString() {
        return "EncryptionKeys[current=" + current.id() + ", ids=" + byId.keySet() + "]";
    }

    /** One key and its id. */
    public record Key(String id, SecretKey secret) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }
}
