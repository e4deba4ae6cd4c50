package dev.latchkey.adapters.web.docs;

/**
 * The descriptions of the path parameters the document shares, so that one name means one thing on
 * every operation. The examples beside them (on each parameter) are one consistent story — the
 * linked account cust-42 connecting Slack — that the document's examples complete when sent as they are.
 */
public final class PathParameters {
    public static final String LINKED_ACCOUNT_ID = "Your id of the linked account (the one you gave it at creation).";
    public static final String APP_SLUG = "The app's connector slug, as GET /v1/apps lists it.";
    public static final String CONNECTOR_SLUG = "The connector's slug, as GET /v1/connectors lists it.";
    public static final String PRIVATE_CONNECTOR_SLUG = "The slug of one of your workspace's own connectors (built-in ones cannot be replaced).";
    public static final String CONNECTION_ID = "The connection's id, as the connections list gives it.";
    public static final String ACCOUNT_EXAMPLE = "cust-42";
    public static final String APP_EXAMPLE = "slack";

    private PathParameters() {
    }
}
