package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.port.in.ListLinkedAccountsQuery;
import dev.latchkey.domain.FieldViolation;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ListLinkedAccountsServiceTest {

    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final ListLinkedAccountsService service = new ListLinkedAccountsService(accounts);
    private final WorkspaceId workspace = WorkspaceId.random();

    private void store(WorkspaceId workspaceId, String id, String name) {
        accounts.insert(LinkedAccount.create(workspaceId, new LinkedAccountId(id), Optional.ofNullable(name).map(AccountName::new),
                Metadata.EMPTY, Instant.parse("2025-01-01T00:00:00Z")));
    }

    private Page<LinkedAccount> list(int limit, Optional<String> cursor, Optional<String> search) {
        return service.list(new ListLinkedAccountsQuery(workspace, limit, cursor, search));
    }

    private static List<String> ids(Page<LinkedAccount> page) {
        return page.items().stream().map(a -> a.id().value()).toList();
    }

    @Test
    void the_cursor_of_one_page_leads_to_the_next_until_the_last_page_has_none() {
        for (String id : List.of("e", "a", "c", "b", "d")) {
            store(workspace, id, null);
        }

        Page<LinkedAccount> first = list(2, Optional.empty(), Optional.empty());
        Page<LinkedAccount> second = list(2, first.nextCursor(), Optional.empty());
        Page<LinkedAccount> third = list(2, second.nextCursor(), Optional.empty());

        assertThat(ids(first)).containsExactly("a", "b");
        assertThat(first.nextCursor()).isPresent();
        assertThat(ids(second)).containsExactly("c", "d");
        assertThat(second.nextCursor()).isPresent();
        assertThat(ids(third)).containsExactly("e");
        assertThat(third.nextCursor()).isEmpty();
    }

    @Test
    void walking_all_pages_sees_every_account_exactly_once() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String id = "cust-%03d".formatted(i);
            store(workspace, id, null);
            expected.add(id);
        }

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<LinkedAccount> page = list(5, cursor, Optional.empty());
            seen.addAll(ids(page));
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent() && pages < 100);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void the_cursor_is_opaque_not_the_raw_id() {
        store(workspace, "user@example.com", null);
        store(workspace, "zeta", null);

        Page<LinkedAccount> first = list(1, Optional.empty(), Optional.empty());

        assertThat(first.nextCursor()).hasValueSatisfying(cursor -> {
            assertThat(cursor).isNotEqualTo("user@example.com");
            assertThat(cursor).matches("[A-Za-z0-9_-]+");
        });
        assertThat(ids(list(1, first.nextCursor(), Optional.empty()))).containsExactly("zeta");
    }

    @Test
    void accounts_inserted_before_the_cursor_while_paging_are_neither_repeated_nor_shift_the_next_page() {
        for (String id : List.of("b", "d", "f")) {
            store(workspace, id, null);
        }
        Page<LinkedAccount> first = list(2, Optional.empty(), Optional.empty());

        store(workspace, "a", null);
        store(workspace, "c", null);
        Page<LinkedAccount> second = list(2, first.nextCursor(), Optional.empty());

        assertThat(ids(first)).containsExactly("b", "d");
        assertThat(ids(second)).containsExactly("f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!not-base64!!!", "a b", "====", "%%%", "abc$"})
    void a_garbage_cursor_is_invalid_input_on_field_cursor(String cursor) {
        store(workspace, "a", null);

        InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
                () -> list(10, Optional.of(cursor), Optional.empty()));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("cursor");
    }

    @Test
    void a_well_encoded_cursor_that_does_not_hold_an_id_is_invalid_input_on_field_cursor() {
        String notAnId = Base64.getUrlEncoder().withoutPadding().encodeToString("has space".getBytes(StandardCharsets.UTF_8));

        InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
                () -> list(10, Optional.of(notAnId), Optional.empty()));

        assertThat(invalid.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("cursor");
            assertThat(v.message()).contains("next_cursor");
        });
    }

    @Test
    void an_empty_cursor_encodes_no_id_and_is_refused() {
        InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
                () -> list(10, Optional.of(""), Optional.empty()));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("cursor");
    }

    @Test
    void search_filters_by_id_prefix_or_name_prefix() {
        store(workspace, "acme-1", null);
        store(workspace, "cust-2", "Acme Subsidiary");
        store(workspace, "cust-3", "Globex");

        Page<LinkedAccount> page = list(50, Optional.empty(), Optional.of("acme"));

        assertThat(ids(page)).containsExactly("acme-1", "cust-2");
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void an_empty_search_lists_everything() {
        store(workspace, "a", null);
        store(workspace, "b", "Bee");

        assertThat(ids(list(50, Optional.empty(), Optional.of("")))).containsExactly("a", "b");
    }

    @Test
    void a_search_of_200_characters_is_accepted_and_201_refused_on_field_search() {
        assertThat(list(50, Optional.empty(), Optional.of("s".repeat(200))).items()).isEmpty();

        InvalidInputException invalid = catchThrowableOfType(InvalidInputException.class,
                () -> list(50, Optional.empty(), Optional.of("s".repeat(201))));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("search");
    }

    @Test
    void only_the_caller_s_workspace_is_listed() {
        store(workspace, "mine", null);
        store(WorkspaceId.random(), "theirs", null);

        assertThat(ids(list(50, Optional.empty(), Optional.empty()))).containsExactly("mine");
    }

    @Test
    void a_page_exactly_full_with_nothing_after_has_no_next_cursor() {
        store(workspace, "a", null);
        store(workspace, "b", null);

        Page<LinkedAccount> page = list(2, Optional.empty(), Optional.empty());

        assertThat(ids(page)).containsExactly("a", "b");
        assertThat(page.nextCursor()).isEmpty();
    }
}
