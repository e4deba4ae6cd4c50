package dev.latchkey.adapters.web.security;

/** Who is calling: a company's backend (API key), a customer's frontend (session token), the operator. */
public final class Roles {
    public static final String API_KEY = "API_KEY";
    public static final String SESSION = "SESSION";
    public static final String ADMIN = "ADMIN";

    /** Authentication attribute and JWT claim carrying the caller's workspace id. */
    public static final String WORKSPACE_CLAIM = "ws";
    /** JWT claim carrying the key of the linked account's incarnation a session token is bound to. */
    public static final String ACCOUNT_KEY_CLAIM = "lak";
    /** Authentication attributes of an API key caller: the key's id and its hint (its first characters, never the key). */
    public static final String API_KEY_ID = "key_id";
    public static final String API_KEY_HINT = "key_hint";

    private Roles() {
    }
}
