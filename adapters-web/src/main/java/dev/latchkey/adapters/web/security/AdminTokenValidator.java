package dev.latchkey.adapters.web.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Accepts the operator's {@code LATCHKEY_ADMIN_TOKEN}; absent when none is configured. */
@Singleton
@Requires(property = "latchkey.admin-token")
public class AdminTokenValidator implements TokenValidator<HttpRequest<?>> {
    private final byte[] adminToken;

    public AdminTokenValidator(@Value("${latchkey.admin-token}") String adminToken) {
        if (adminToken.length() < 32) {
            throw new IllegalArgumentException("LATCHKEY_ADMIN_TOKEN must be at least 32 characters; generate one with: openssl rand -hex 32");
        }
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Mono.just(Authentication.build("admin", List.of(Roles.ADMIN)));
        }
        return Mono.empty();
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }
}
