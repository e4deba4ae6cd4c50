package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryConnectionStore;
import dev.latchkey.application.fakes.InMemoryEventOutbox;
import dev.latchkey.application.fakes.InMemoryTransactions;
import java.util.List;

import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GetAndDeleteLinkedAccountServiceTest {

    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final GetLinkedAccountService get = new GetLinkedAccountService(accounts);
    private final DeleteLinkedAccountService delete = new DeleteLinkedAccountService(accounts, new InMemoryConnectionStore(), (ws, slug) -> {
        throw new IllegalStateException("no connector is looked up without connections");
    }, List.of(), new InMemoryEventOutbox(), new InMemoryTransactions(), java.time.Clock.systemUTC());
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId id = new LinkedAccountId("cust-42");

    private LinkedAccount stored() {
        LinkedAccount account = LinkedAccount.create(workspace, id, Optional.of(new AccountName("Acme")), Metadata.EMPTY,
                Instant.parse("2025-01-01T00:00:00Z"));
        accounts.insert(account);
        return account;
    }

    @Test
    void get_returns_the_stored_account() {
        LinkedAccount account = stored();

        assertThat(get.get(workspace, id)).isEqualTo(account);
    }

    @Test
    void get_of_an_unknown_id_is_linked_account_not_found() {
        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> get.get(workspace, id));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
        assertThat(notFound.getMessage()).contains("cust-42");
    }

    @Test
    void get_of_another_workspace_s_account_is_not_found() {
        stored();

        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> get.get(WorkspaceId.random(), id));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
    }

    @Test
    void delete_removes_the_account_so_get_no_longer_finds_it() {
        stored();

        delete.delete(workspace, id);

        assertThat(accounts.find(workspace, id)).isEmpty();
        assertThat(catchThrowableOfType(NotFoundException.class, () -> get.get(workspace, id)).code())
                .isEqualTo("linked_account_not_found");
    }

    @Test
    void delete_of_an_unknown_id_is_linked_account_not_found() {
        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> delete.delete(workspace, id));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
    }

    @Test
    void deleting_twice_is_not_found_the_second_time() {
        stored();
        assertThatCode(() -> delete.delete(workspace, id)).doesNotThrowAnyException();

        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> delete.delete(workspace, id));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
    }

    @Test
    void delete_in_another_workspace_does_not_touch_this_workspace_s_account() {
        LinkedAccount account = stored();

        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> delete.delete(WorkspaceId.random(), id));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
        assertThat(accounts.find(workspace, id)).contains(account);
    }
}
