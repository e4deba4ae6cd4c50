package dev.latchkey.domain.audit;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which actors to list: a kind ({@code api_key}, {@code session}, {@code operator}, {@code console_user}),
 * optionally with one actor's id after a colon: {@code api_key:6f1c...}, {@code session:cust-42},
 * {@code console_user:00u1abc}.
 */
public record ActorFilter(String kind, Optional<String> id) {
    private static final Set<String> KINDS = Set.of("api_key", "session", "operator", "console_user");

    public ActorFilter {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("must be api_key, session, operator or console_user, optionally followed by "
                    + "':' and the actor's id (api_key:<key id>, session:<linked account id>, console_user:<subject>)");
        }
        Objects.requireNonNull(id, "id");
        if (id.isPresent() && (id.get().isEmpty() || id.get().length() > Actor.MAX_TEXT)) {
            throw new IllegalArgumentException("the actor's id after ':' must be 1 to " + Actor.MAX_TEXT + " characters");
        }
    }

    /** @throws IllegalArgumentException saying what an actor filter looks like */
    public static ActorFilter parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new ActorFilter(text, Optional.empty())
                : new ActorFilter(text.substring(0, colon), Optional.of(text.substring(colon + 1)));
    }

    public boolean matches(Actor actor) {
        return actor.kind().equals(kind) && (id.isEmpty() || actor.id().equals(id));
    }
}
