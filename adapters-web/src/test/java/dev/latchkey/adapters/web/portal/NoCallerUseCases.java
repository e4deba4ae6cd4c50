package dev.latchkey.adapters.web.portal;

import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.AuthenticateApiKeyUseCase;
import dev.latchkey.application.port.in.PrepareProxyRequestCommand;
import dev.latchkey.application.port.in.PrepareProxyRequestUseCase;
import dev.latchkey.application.port.in.ProxyTarget;
import dev.latchkey.application.port.in.RecordActivityUseCase;
import dev.latchkey.application.port.in.VerifySessionGrantUseCase;
import dev.latchkey.domain.activity.Activity;
import dev.latchkey.domain.session.SessionGrant;
import jakarta.inject.Singleton;

import java.util.Optional;

/** What the server's security and proxy need but the portal never uses: no API key or session token is live. */
@Singleton
class NoCallerUseCases implements AuthenticateApiKeyUseCase, PrepareProxyRequestUseCase, VerifySessionGrantUseCase, RecordActivityUseCase {
    @Override
    public Optional<ApiKeyPrincipal> authenticate(String presentedKey) {
        return Optional.empty();
    }

    @Override
    public Optional<ApiKeyPrincipal> remembered(String presentedKey) {
        return Optional.empty();
    }

    @Override
    public boolean refusedMomentsAgo(String presentedKey) {
        return false;
    }

    @Override
    public ProxyTarget prepare(PrepareProxyRequestCommand command) {
        throw new IllegalStateException("the portal's tests send nothing through the proxy");
    }

    @Override
    public boolean isLive(SessionGrant grant) {
        return false;
    }

    @Override
    public void record(Activity activity) {
        throw new IllegalStateException("the portal's tests send nothing through the proxy: nothing to record");
    }
}
