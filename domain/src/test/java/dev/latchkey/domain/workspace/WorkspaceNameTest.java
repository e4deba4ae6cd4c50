package dev.latchkey.domain.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkspaceNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "acme", "acme-live", "default", "a1-b2-c3", "0-"})
    void lowercase_letters_digits_and_hyphens_are_accepted(String value) {
        assertThat(new WorkspaceName(value)).hasToString(value);
    }

    @Test
    void exactly_63_characters_are_accepted_and_64_refused() {
        assertThat(new WorkspaceName("a".repeat(63)).value()).hasSize(63);
        assertThatIllegalArgumentException().isThrownBy(() -> new WorkspaceName("a".repeat(64)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-acme", "Acme", "ACME", "acme live", "acme_live", "acme.live", " acme", "acme ", "ümlaut", "a/b"})
    void anything_else_is_refused_with_an_example_of_a_good_name(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WorkspaceName(value))
                .withMessageContaining("lowercase")
                .withMessageContaining("\"acme\"");
    }

    @Test
    void the_default_workspace_is_called_default() {
        assertThat(Workspace.DEFAULT_NAME).isEqualTo(new WorkspaceName("default"));
    }
}
