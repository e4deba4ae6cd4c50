package dev.latchkey.adapters.web.security;

import dev.latchkey.application.port.in.VerifySessionGrantUseCase;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * After the signature and expiry checks: is this session still granted? Not revoked (on any
 * instance: revocations are in the database) and its linked account not deleted. Runs on the
 * blocking scheduler of micronaut-security's JWT validation.
 */
@Singleton
public class SessionGrantClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final VerifySessionGrantUseCase verify;

    public SessionGrantClaimsValidator(VerifySessionGrantUseCase verify) {
        this.verify = verify;
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        return SessionTokenCodec.grantOf(claims).map(verify::isLive).orElse(false);
    }
}
