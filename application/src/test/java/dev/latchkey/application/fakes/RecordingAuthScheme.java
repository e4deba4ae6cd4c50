package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.AuthSchemePort;
import dev.latchkey.domain.connection.ProviderException;
import dev.latchkey.domain.credential.Credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the fake schemes share: a log of the calls made to them (name and connector), a failure the
 * test can arm for the provider-facing step (obtaining or exchanging), and one for revocation.
 */
public abstract class RecordingAuthScheme implements AuthSchemePort {
    private final List<String> calls = new ArrayList<>();
    private final List<Credentials> revoked = new ArrayList<>();
    private RuntimeException grantFailure;
    private RuntimeException revokeFailure;
    private Runnable onRevoke = () -> { };

    protected final synchronized void record(String call, Context context) {
        calls.add(call + " " + context.connector().slug());
    }

    protected final synchronized void throwIfArmed() {
        if (grantFailure != null) {
            throw grantFailure;
        }
    }

    /** The provider refuses (REJECTED) or cannot be reached (UNAVAILABLE) when credentials are obtained or a code is exchanged. */
    public final synchronized void failWith(ProviderException.Kind kind) {
        grantFailure = kind == ProviderException.Kind.REJECTED
                ? ProviderException.rejected("invalid_grant", "The provider refused the grant.")
                : ProviderException.unavailable("The provider could not be reached.");
    }

    public final synchronized void failWith(RuntimeException failure) {
        grantFailure = failure;
    }

    public final synchronized void failRevocationWith(RuntimeException failure) {
        revokeFailure = failure;
    }

    /** Runs at each revocation before it succeeds or fails, e.g. to look at the stores at that moment. */
    public final synchronized void onRevoke(Runnable action) {
        onRevoke = action;
    }

    @Override
    public Optional<Grant> refresh(Context context, Credentials current) {
        record("refresh", context);
        return Optional.empty();
    }

    @Override
    public synchronized void revoke(Context context, Credentials current) {
        record("revoke", context);
        revoked.add(current);
        onRevoke.run();
        if (revokeFailure != null) {
            throw revokeFailure;
        }
    }

    public final synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The credentials of every revocation attempted, failed ones included. */
    public final synchronized List<Credentials> revoked() {
        return List.copyOf(revoked);
    }
}
