package dev.latchkey.adapters.web.console;

/** The console's fixed paths. */
public final class ConsolePaths {
    public static final String ROOT = "/console";
    public static final String SIGN_IN = "/console/sign-in";
    public static final String CALLBACK = "/console/callback";
    public static final String SIGN_OUT = "/console/sign-out";
    public static final String SIGNED_OUT = "/console/signed-out";
    public static final String DEV_SIGN_IN = "/console/dev-sign-in";

    private ConsolePaths() {
    }

    /** Paths served without a console session: signing in (through the identity provider or the development link) and out. */
    static boolean isPublic(String path) {
        return path.equals(SIGN_IN) || path.equals(CALLBACK) || path.equals(SIGNED_OUT) || path.startsWith(DEV_SIGN_IN + "/");
    }

    static String workspace(String workspaceId) {
        return ROOT + "/workspaces/" + workspaceId;
    }
}
