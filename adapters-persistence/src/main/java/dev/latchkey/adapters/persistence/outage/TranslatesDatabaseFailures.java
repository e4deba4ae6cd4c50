package dev.latchkey.adapters.persistence.outage;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a persistence adapter: a connection-level failure of any of its methods leaves it as a
 * {@link dev.latchkey.domain.DatabaseUnavailableException} (see {@link DatabaseFailureInterceptor}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Around
public @interface TranslatesDatabaseFailures {
}
