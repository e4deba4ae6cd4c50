package dev.latchkey.application.service;

import dev.latchkey.application.fakes.InMemoryLinkedAccountStore;
import dev.latchkey.application.fakes.InMemoryTransactions;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.in.CreateLinkedAccountCommand;
import dev.latchkey.application.port.in.UpsertLinkedAccountResult;
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

class UpsertLinkedAccountServiceTest {

    private static final Instant T0 = Instant.parse("2025-04-01T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryLinkedAccountStore accounts = new InMemoryLinkedAccountStore();
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final UpsertLinkedAccountService service = new UpsertLinkedAccountService(accounts, transactions, clock);
    private final WorkspaceId workspace = WorkspaceId.random();
    private final LinkedAccountId id = new LinkedAccountId("cust-42");

    private CreateLinkedAccountCommand command(Optional<String> name, String metadata) {
        return new CreateLinkedAccountCommand(workspace, id, name.map(AccountName::new), new Metadata(metadata));
    }

    @Test
    void upsert_of_a_new_id_creates_the_account() {
        UpsertLinkedAccountResult result = service.upsert(command(Optional.of("Acme"), "{\"plan\":\"free\"}"));

        assertThat(result.created()).isTrue();
        assertThat(result.account().createdAt()).isEqualTo(T0);
        assertThat(result.account().name()).contains(new AccountName("Acme"));
        assertThat(accounts.find(workspace, id)).contains(result.account());
        assertThat(transactions.committed()).isEqualTo(1);
    }

    @Test
    void upsert_replaces_name_and_metadata_but_keeps_created_at() {
        LinkedAccount first = service.upsert(command(Optional.of("Acme"), "{\"plan\":\"free\"}")).account();
        clock.advance(Duration.ofHours(2));

        UpsertLinkedAccountResult second = service.upsert(command(Optional.of("Acme Corp"), "{\"plan\":\"pro\"}"));

        assertThat(second.created()).isFalse();
        LinkedAccount updated = second.account();
        assertThat(updated.name()).contains(new AccountName("Acme Corp"));
        assertThat(updated.metadata()).isEqualTo(new Metadata("{\"plan\":\"pro\"}"));
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(updated.key()).isEqualTo(first.key());
        assertThat(accounts.find(workspace, id)).contains(updated);
        assertThat(accounts.count(workspace)).isEqualTo(1);
    }

    @Test
    void upsert_without_a_name_clears_the_existing_name() {
        service.upsert(command(Optional.of("Acme"), "{\"plan\":\"free\"}"));
        clock.advance(Duration.ofSeconds(1));

        UpsertLinkedAccountResult second = service.upsert(command(Optional.empty(), "{}"));

        assertThat(second.created()).isFalse();
        assertThat(second.account().name()).isEmpty();
        assertThat(second.account().metadata()).isEqualTo(Metadata.EMPTY);
        assertThat(accounts.find(workspace, id)).hasValueSatisfying(a -> {
            assertThat(a.name()).isEmpty();
            assertThat(a.metadata()).isEqualTo(Metadata.EMPTY);
        });
    }

    @Test
    void upsert_with_a_clock_that_went_backwards_keeps_updated_at_not_before_created_at() {
        service.upsert(command(Optional.of("Acme"), "{}"));
        clock.set(T0.minus(Duration.ofMinutes(3)));

        LinkedAccount updated = service.upsert(command(Optional.of("Acme 2"), "{}")).account();

        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T0);
    }

    @Test
    void every_upsert_runs_in_a_transaction() {
        service.upsert(command(Optional.of("Acme"), "{}"));
        service.upsert(command(Optional.of("Acme"), "{}"));

        assertThat(transactions.committed()).isEqualTo(2);
    }
}
