package dev.latchkey.adapters.web.console;

/** The console's fixed paths. */
public final class ConsolePaths {
    public static final String ROOT = "/console";
    public static final String SIGN_IN = "/console/sign-in";
    public static final String CALLBACK = "/console/callback";
    public static final String SIGN_OUT = "/console/sign-out";
    public static final String SIGNED_OUT = "/console/signed-out";

    private ConsolePaths() {
    }

    /** Paths served without a console session: signing in and out. */
    static boolean isPublic(String path) {
        return path.equals(SIGN_IN) || path.equals(CALLBACK) || path.equals(SIGNED_OUT);
    }

    static String workspace(String workspaceId) {
        return ROOT + "/workspaces/" + workspaceId;
    }
}
