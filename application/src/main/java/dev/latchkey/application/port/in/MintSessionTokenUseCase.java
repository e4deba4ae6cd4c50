package dev.latchkey.application.port.in;

import dev.latchkey.domain.session.SessionGrant;

public interface MintSessionTokenUseCase {
    /** Grants a session on an existing linked account; the web adapter signs it as a token. */
    SessionGrant mint(MintSessionTokenCommand command);
}
