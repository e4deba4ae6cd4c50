package dev.latchkey.application.port.in;

import dev.latchkey.domain.Page;
import dev.latchkey.domain.config.ConfigOption;

public interface ListConfigOptionsUseCase {
    /**
     * Static options (filtered by the search), or one page of the provider's, fetched with the
     * connection's credentials through the proxy's machinery. 409 {@code not_connected} /
     * {@code connection_expired} when there is no usable connection; a provider failure is a problem, never an empty list.
     */
    Page<ConfigOption> options(ListConfigOptionsQuery query);
}
