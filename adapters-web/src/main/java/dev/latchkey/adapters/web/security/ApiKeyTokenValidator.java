package dev.latchkey.adapters.web.security;

import dev.latchkey.application.port.in.ApiKeyPrincipal;
import dev.latchkey.application.port.in.AuthenticateApiKeyUseCase;
import dev.latchkey.domain.workspace.ApiKeySecret;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** Accepts {@code Authorization: Bearer lk_test_...} / {@code lk_live_...}: a company backend's API key. */
@Singleton
public class ApiKeyTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final AuthenticateApiKeyUseCase authenticate;
    private final Scheduler blocking;

    public ApiKeyTokenValidator(AuthenticateApiKeyUseCase authenticate, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.authenticate = authenticate;
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!ApiKeySecret.looksLikeApiKey(token)) {
            return Mono.empty();
        }
        Optional<ApiKeyPrincipal> remembered = authenticate.remembered(token);
        if (remembered.isPresent()) {
            return Mono.just(authentication(remembered.get())); // no database, no thread hop
        }
        if (authenticate.refusedMomentsAgo(token)) {
            return Mono.empty(); // a flood of one bad key: no database, no thread hop either
        }
        return Mono.fromCallable(() -> authenticate.authenticate(token).map(ApiKeyTokenValidator::authentication).orElse(null))
                .subscribeOn(blocking);
    }

    private static Authentication authentication(ApiKeyPrincipal principal) {
        return Authentication.build("api-key:" + principal.apiKeyId(), List.of(Roles.API_KEY),
                Map.of(Roles.WORKSPACE_CLAIM, principal.workspaceId().toString(), Roles.API_KEY_ID, principal.apiKeyId().toString(),
                        Roles.API_KEY_HINT, principal.hint()));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
