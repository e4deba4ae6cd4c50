package dev.latchkey.adapters.web.request;

import dev.latchkey.application.port.in.RequestIds;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.core.propagation.PropagatedContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTest {
    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void open_sets_the_request_and_workspace_and_close_puts_back_what_the_thread_had() {
        MDC.put(LogContext.REQUEST_ID, "outer");

        try (LogContext ignored = LogContext.open("req-1", "ws-1")) {
            assertThat(MDC.get(LogContext.REQUEST_ID)).isEqualTo("req-1");
            assertThat(MDC.get(LogContext.WORKSPACE)).isEqualTo("ws-1");
            try (LogContext unknownCaller = LogContext.open("req-2", null)) {
                assertThat(MDC.get(LogContext.WORKSPACE)).isNull();
            }
            assertThat(MDC.get(LogContext.REQUEST_ID)).isEqualTo("req-1");
            assertThat(MDC.get(LogContext.WORKSPACE)).isEqualTo("ws-1");
        }

        assertThat(MDC.get(LogContext.REQUEST_ID)).isEqualTo("outer");
        assertThat(MDC.get(LogContext.WORKSPACE)).isNull();
    }

    @Test
    void a_key_added_to_a_request_joins_its_one_mdc_element_instead_of_replacing_it_on_every_thread() {
        MutablePropagatedContext context = MutablePropagatedContext.of(PropagatedContext.empty());
        context.add(new MdcPropagationContext(Map.of(LogContext.REQUEST_ID, "req-1")));

        LogContext.add(context, LogContext.WORKSPACE, "ws-1");

        assertThat(context.getContext().findAll(MdcPropagationContext.class).toList()).singleElement()
                .satisfies(mdc -> assertThat(mdc.state()).containsExactlyInAnyOrderEntriesOf(
                        Map.of(LogContext.REQUEST_ID, "req-1", LogContext.WORKSPACE, "ws-1")));
    }

    @Test
    void the_request_id_is_the_current_one_on_a_thread_inside_the_requests_context_only() {
        PropagatedContext context = PropagatedContext.empty().plus(new RequestIdContext("req-9"));

        try (PropagatedContext.Scope ignored = context.propagate()) {
            assertThat(RequestIds.current()).contains("req-9");
        }

        assertThat(RequestIds.current()).isEqualTo(Optional.empty());
    }
}
