package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.EnsureDefaultWorkspaceUseCase;
import dev.latchkey.application.port.in.WorkspaceWithKey;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.workspace.ApiKeySecret;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.Optional;

/**
 * On every start: makes sure the operator can get in. With {@code LATCHKEY_BOOTSTRAP_API_KEY}, the
 * workspace {@code default} holds that key. Without it, on the very first start, a workspace and a
 * key are generated and the key is printed once to the console (never to the log).
 */
@Singleton
public class FirstStart implements ApplicationEventListener<StartupEvent> {
    private final EnsureDefaultWorkspaceUseCase ensureDefault;
    private final Optional<String> bootstrapKey;
    private final PrintStream console;
    private final int port;

    public FirstStart(EnsureDefaultWorkspaceUseCase ensureDefault,
                      @Nullable @Value("${latchkey.bootstrap-api-key:}") String bootstrapKey,
                      @Value("${micronaut.server.port:8080}") int port, Console console) {
        this.port = port;
        this.ensureDefault = ensureDefault;
        this.bootstrapKey = Optional.ofNullable(bootstrapKey).filter(k -> !k.isBlank());
        this.console = console.out();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Optional<ApiKeySecret> key = bootstrapKey.map(text -> {
            try {
                return ApiKeySecret.parse(text);
            } catch (IllegalArgumentException e) {
                throw new RuntimeSettings.InvalidSettingsException("LATCHKEY_BOOTSTRAP_API_KEY " + e.getMessage()
                        + "; generate one with: echo lk_test_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')");
            }
        });
        try {
            ensureDefault.ensure(key).ifPresent(this::announce);
        } catch (ConflictException e) {
            throw new RuntimeSettings.InvalidSettingsException(e.getMessage());
        }
    }

    private void announce(WorkspaceWithKey created) {
        console.printf("%n  Latchkey created the workspace '%s' and its API key (shown only this once):%n%n    %s%n%n"
                        + "  Use it from your backend:  curl -H 'Authorization: Bearer %s' http://localhost:%d/v1/linked-accounts%n"
                        + "  In production set LATCHKEY_BOOTSTRAP_API_KEY instead, so no key is ever printed.%n%n",
                created.workspace().name(), created.secret().reveal(), created.secret().reveal(), port);
        console.flush();
    }
}
