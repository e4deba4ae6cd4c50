package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.CreateLinkedAccountCommand;
import dev.latchkey.domain.ConflictException;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CreateLinkedAccountServiceTest {

    private final MutableClock clock = MutableClock.at("2025-04-01T09:00:00Z");
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final CreateLinkedAccountService service = new CreateLinkedAccountService(accounts, clock);
    private final WorkspaceId workspace = WorkspaceId.random();

    private CreateLinkedAccountCommand command(WorkspaceId workspaceId, String id, String name, String metadata) {
        return new CreateLinkedAccountCommand(workspaceId, new LinkedAccountId(id),
                Optional.ofNullable(name).map(AccountName::new), new Metadata(metadata));
    }

    @Test
    void create_stores_the_account_with_the_clock_time() {
        LinkedAccount created = service.create(command(workspace, "cust-42", "Acme", "{\"plan\":\"pro\"}"));

        assertThat(created.id()).isEqualTo(new LinkedAccountId("cust-42"));
        assertThat(created.workspaceId()).isEqualTo(workspace);
        assertThat(created.name()).contains(new AccountName("Acme"));
        assertThat(created.metadata()).isEqualTo(new Metadata("{\"plan\":\"pro\"}"));
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2025-04-01T09:00:00Z"));
        assertThat(created.updatedAt()).isEqualTo(created.createdAt());
        assertThat(accounts.find(workspace, created.id())).contains(created);
    }

    @Test
    void create_without_a_name_stores_an_unnamed_account() {
        LinkedAccount created = service.create(command(workspace, "cust-1", null, "{}"));

        assertThat(accounts.find(workspace, created.id())).hasValueSatisfying(a -> assertThat(a.name()).isEmpty());
    }

    @Test
    void create_with_a_taken_id_is_a_conflict_and_leaves_the_existing_account_alone() {
        LinkedAccount first = service.create(command(workspace, "cust-42", "Acme", "{\"v\":1}"));
        clock.advance(Duration.ofMinutes(1));

        ConflictException conflict = catchThrowableOfType(ConflictException.class,
                () -> service.create(command(workspace, "cust-42", "Impostor", "{\"v\":2}")));

        assertThat(conflict.code()).isEqualTo("linked_account_exists");
        assertThat(conflict.getMessage()).contains("cust-42").contains("PUT");
        assertThat(accounts.find(workspace, new LinkedAccountId("cust-42"))).contains(first);
        assertThat(accounts.count(workspace)).isEqualTo(1);
    }

    @Test
    void the_same_id_may_be_used_in_another_workspace() {
        WorkspaceId other = WorkspaceId.random();
        LinkedAccount mine = service.create(command(workspace, "cust-42", "Mine", "{}"));

        LinkedAccount theirs = service.create(command(other, "cust-42", "Theirs", "{}"));

        assertThat(theirs.key()).isNotEqualTo(mine.key());
        assertThat(accounts.find(workspace, mine.id())).contains(mine);
        assertThat(accounts.find(other, theirs.id())).contains(theirs);
    }
}
