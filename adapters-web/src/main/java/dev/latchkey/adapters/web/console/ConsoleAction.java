package dev.latchkey.adapters.web.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a console route that changes something, and names the change as the audit log writes it
 * ({@code console.createApiKey}): {@link ConsoleAuditFilter} records every answer of such a route.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ConsoleAction {
    /** The action's name, {@code console.} and a verb and noun. */
    String value();
}
