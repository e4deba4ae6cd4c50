package dev.latchkey.bootstrap;

import dev.latchkey.adapters.web.console.ConsoleRoleMap;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code latchkey.console.*}: the operator console's single sign-on (README, "Console"), from
 * {@code LATCHKEY_CONSOLE_*} through {@link RuntimeSettings}. Without an issuer the console is off.
 */
@ConfigurationProperties("latchkey.console")
public interface ConsoleProperties {
    /** {@code LATCHKEY_CONSOLE_OIDC_ISSUER}: the OpenID provider's issuer URL. */
    @Nullable
    String getIssuer();

    /** {@code LATCHKEY_CONSOLE_OIDC_CLIENT_ID}. */
    @Nullable
    String getClientId();

    /** {@code LATCHKEY_CONSOLE_OIDC_CLIENT_SECRET}. */
    @Nullable
    String getClientSecret();

    /** {@code LATCHKEY_CONSOLE_ROLES_CLAIM}: the claim that lists the user's groups. */
    @Bindable(defaultValue = "groups")
    String getRolesClaim();

    /** {@code LATCHKEY_CONSOLE_ROLE_MAP}: {@code role=group,...}. */
    @Bindable(defaultValue = ConsoleRoleMap.DEFAULT)
    String getRoleMap();

    /** {@code LATCHKEY_CONSOLE_DEV_SIGN_IN}: without an identity provider, a one-time sign-in link printed at start-up (development). */
    @Bindable(defaultValue = "false")
    boolean isDevSignIn();

    /** {@code LATCHKEY_CONSOLE_IDLE_MINUTES}: a session unused this long ends. */
    @Bindable(defaultValue = "30m")
    Duration getIdleTimeout();

    /** {@code LATCHKEY_CONSOLE_SESSION_HOURS}: a session ends this long after sign-in. */
    @Bindable(defaultValue = "8h")
    Duration getAbsoluteTimeout();
}
