package dev.latchkey.domain.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class WorkspaceIdTest {

    @Test
    void parse_reads_a_uuid() {
        WorkspaceId id = WorkspaceId.parse("123e4567-e89b-12d3-a456-426614174000");

        assertThat(id.value()).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(id).hasToString("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void parse_reads_back_what_to_string_wrote() {
        WorkspaceId id = WorkspaceId.random();

        assertThat(WorkspaceId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void random_ids_differ() {
        assertThat(WorkspaceId.random()).isNotEqualTo(WorkspaceId.random());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"default", "not-a-uuid", "123e4567-e89b-12d3-a456-42661417400z", "123e4567e89b12d3a456426614174000",
            "123e4567-e89b-12d3-a456-426614174000-00"})
    void parse_refuses_anything_but_a_uuid_with_an_actionable_message(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WorkspaceId.parse(text))
                .withMessage("must be a workspace id (a UUID)");
    }

    @Test
    void a_null_uuid_is_refused() {
        assertThatNullPointerException().isThrownBy(() -> new WorkspaceId(null));
    }

    @Test
    void parse_refuses_the_short_forms_that_uuid_from_string_would_take() {
        assertThatIllegalArgumentException().isThrownBy(() -> WorkspaceId.parse("1-1-1-1-1"));
    }
}
