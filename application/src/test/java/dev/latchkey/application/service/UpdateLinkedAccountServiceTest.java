package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.domain.FieldChange;
import dev.latchkey.application.port.in.UpdateLinkedAccountCommand;
import dev.latchkey.domain.NotFoundException;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UpdateLinkedAccountServiceTest {

    private static final Instant T0 = Instant.parse("2025-04-01T09:00:00Z");
    private static final Metadata FREE = new Metadata("{\"plan\":\"free\"}");
    private static final Metadata PRO = new Metadata("{\"plan\":\"pro\"}");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final UpdateLinkedAccountService service = new UpdateLinkedAccountService(accounts, transactions, clock);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId id = new LinkedAccountId("cust-42");
    private LinkedAccount original;

    @BeforeEach
    void an_account_exists() {
        original = LinkedAccount.create(workspace, id, Optional.of(new AccountName("Acme")), FREE, T0);
        accounts.insert(original);
        clock.advance(Duration.ofMinutes(10));
    }

    private LinkedAccount update(FieldChange<AccountName> name, FieldChange<Metadata> metadata) {
        return service.update(new UpdateLinkedAccountCommand(workspace, id, name, metadata));
    }

    @Test
    void keep_leaves_a_field_as_it_is_while_set_changes_the_other() {
        LinkedAccount updated = update(FieldChange.keep(), FieldChange.set(Optional.of(PRO)));

        assertThat(updated.name()).contains(new AccountName("Acme"));
        assertThat(updated.metadata()).isEqualTo(PRO);
        assertThat(accounts.find(workspace, id)).contains(updated);
    }

    @Test
    void set_name_renames_and_keeps_metadata() {
        LinkedAccount updated = update(FieldChange.set(Optional.of(new AccountName("Acme Corp"))), FieldChange.keep());

        assertThat(updated.name()).contains(new AccountName("Acme Corp"));
        assertThat(updated.metadata()).isEqualTo(FREE);
        assertThat(accounts.find(workspace, id)).contains(updated);
    }

    @Test
    void set_to_empty_clears_the_name() {
        LinkedAccount updated = update(FieldChange.set(Optional.empty()), FieldChange.keep());

        assertThat(updated.name()).isEmpty();
        assertThat(updated.metadata()).isEqualTo(FREE);
        assertThat(accounts.find(workspace, id)).hasValueSatisfying(a -> assertThat(a.name()).isEmpty());
    }

    @Test
    void set_to_empty_clears_the_metadata_to_the_empty_object() {
        LinkedAccount updated = update(FieldChange.keep(), FieldChange.set(Optional.empty()));

        assertThat(updated.metadata()).isEqualTo(Metadata.EMPTY);
        assertThat(updated.name()).contains(new AccountName("Acme"));
        assertThat(accounts.find(workspace, id)).hasValueSatisfying(a -> assertThat(a.metadata()).isEqualTo(Metadata.EMPTY));
    }

    @Test
    void an_update_moves_updated_at_to_now_and_keeps_created_at_and_key() {
        LinkedAccount updated = update(FieldChange.keep(), FieldChange.keep());

        assertThat(updated.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.key()).isEqualTo(original.key());
        assertThat(updated.name()).isEqualTo(original.name());
        assertThat(updated.metadata()).isEqualTo(original.metadata());
    }

    @Test
    void updating_an_unknown_account_is_not_found_and_writes_nothing() {
        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> service.update(
                new UpdateLinkedAccountCommand(workspace, new LinkedAccountId("nobody"), FieldChange.keep(), FieldChange.keep())));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
        assertThat(notFound.getMessage()).contains("nobody");
        assertThat(accounts.updates()).isZero();
        assertThat(transactions.failed()).isEqualTo(1);
    }

    @Test
    void an_account_of_another_workspace_cannot_be_updated() {
        WorkspaceId other = WorkspaceId.random();

        NotFoundException notFound = catchThrowableOfType(NotFoundException.class, () -> service.update(
                new UpdateLinkedAccountCommand(other, id, FieldChange.set(Optional.of(new AccountName("Hijacked"))), FieldChange.keep())));

        assertThat(notFound.code()).isEqualTo("linked_account_not_found");
        assertThat(accounts.find(workspace, id)).contains(original);
    }
}
