package dev.latchkey.adapters.web.portal;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * What just happened, for an app page to show: the connect form's errors and kept values, a
 * notice, the result to post to the host page, and the config form's state.
 */
record AppPageState(Map<String, String> fieldErrors, Map<String, String> values, @Nullable String formError,
                    @Nullable PortalResult result, @Nullable StatusMessage message, ConfigState config) {
    AppPageState {
        fieldErrors = Map.copyOf(fieldErrors);
        values = Map.copyOf(values);
    }

    /** A plain visit of the page, perhaps back from a connect, disconnect or config save. */
    static AppPageState shown(@Nullable PortalResult result, @Nullable StatusMessage message, ConfigState config) {
        return new AppPageState(Map.of(), Map.of(), null, result, message, config);
    }

    /** The connect form sent back with its errors and the (non-secret) values it had. */
    static AppPageState connectRejected(Map<String, String> fieldErrors, Map<String, String> values, @Nullable String formError) {
        return new AppPageState(fieldErrors, values, formError, null, null, ConfigState.stored());
    }

    /** A connect the provider or the app refused. */
    static AppPageState connectFailed(String formError, PortalResult result) {
        return new AppPageState(Map.of(), Map.of(), formError, result, null, ConfigState.stored());
    }

    /** The config form sent back with every error. */
    static AppPageState configRejected(PortalResult result, ConfigState config) {
        return new AppPageState(Map.of(), Map.of(), null, result, null, config);
    }
}
