package dev.latchkey.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class PageTest {

    @Test
    void a_page_is_not_changed_by_later_changes_to_the_list_it_was_built_from() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        Page<String> page = new Page<>(items, Optional.of("b"));

        items.add("c");

        assertThat(page.items()).containsExactly("a", "b");
    }

    @Test
    void a_page_needs_an_explicit_next_cursor_even_when_empty() {
        assertThatNullPointerException().isThrownBy(() -> new Page<>(List.of("a"), null));
    }
}
