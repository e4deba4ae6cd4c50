package dev.latchkey.bootstrap;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every secret the tests of this run made or were handed — API keys, session tokens, OAuth access and
 * refresh tokens, client and webhook secrets, the admin token — so that {@link NoSecretInLogExtension}
 * can look for each in the log. {@link ApiTest}'s helpers register what crosses the API by themselves:
 * the bearer of each request and the secret-named fields of each request and answer body.
 */
final class TestSecrets {
    /** A JSON field that holds a secret: {@code api_key}, {@code client_secret}, {@code access_token}, {@code token}, ... */
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)(.*_)?(secret|token|password|api_key|private_key|key_secret)");
    private static final Set<String> ALL = ConcurrentHashMap.newKeySet();

    private TestSecrets() {
    }

    static void register(String... secrets) {
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= SecretScan.MIN_LENGTH) {
                ALL.add(secret.strip());
            }
        }
    }

    /** Registers the string value of every secret-named field, at any depth of a parsed JSON body. */
    static void registerFields(Object json) {
        if (json instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (value instanceof String text && SECRET_FIELD.matcher(String.valueOf(name)).matches()) {
                    register(text);
                } else {
                    registerFields(value);
                }
            });
        } else if (json instanceof Collection<?> values) {
            values.forEach(TestSecrets::registerFields);
        }
    }

    static List<String> all() {
        return List.copyOf(ALL);
    }
}
