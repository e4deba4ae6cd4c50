package dev.latchkey.domain.account;

import dev.latchkey.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class LinkedAccountTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final WorkspaceId WORKSPACE = WorkspaceId.random();
    private static final LinkedAccountId ID = new LinkedAccountId("cust-42");

    private static LinkedAccount created() {
        return LinkedAccount.create(WORKSPACE, ID, Optional.of(new AccountName("Acme")), new Metadata("{\"plan\":\"free\"}"), CREATED);
    }

    @Test
    void create_sets_both_timestamps_to_now_and_gives_a_fresh_key() {
        LinkedAccount account = created();

        assertThat(account.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(account.id()).isEqualTo(ID);
        assertThat(account.name()).contains(new AccountName("Acme"));
        assertThat(account.metadata()).isEqualTo(new Metadata("{\"plan\":\"free\"}"));
        assertThat(account.createdAt()).isEqualTo(CREATED);
        assertThat(account.updatedAt()).isEqualTo(CREATED);
        assertThat(account.key()).isNotNull();
    }

    @Test
    void two_accounts_created_with_the_same_id_get_different_keys() {
        assertThat(created().key()).isNotEqualTo(created().key());
    }

    @Test
    void renamed_returns_a_new_value_with_the_new_name_and_leaves_the_original_alone() {
        LinkedAccount original = created();
        Instant later = CREATED.plus(Duration.ofMinutes(5));

        LinkedAccount renamed = original.renamed(Optional.of(new AccountName("Acme Corp")), later);

        assertThat(renamed).isNotSameAs(original);
        assertThat(renamed.name()).contains(new AccountName("Acme Corp"));
        assertThat(renamed.updatedAt()).isEqualTo(later);
        assertThat(renamed.createdAt()).isEqualTo(CREATED);
        assertThat(renamed.key()).isEqualTo(original.key());
        assertThat(renamed.metadata()).isEqualTo(original.metadata());
        assertThat(original.name()).contains(new AccountName("Acme"));
        assertThat(original.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void renamed_to_empty_makes_the_account_unnamed() {
        LinkedAccount unnamed = created().renamed(Optional.empty(), CREATED.plusSeconds(1));

        assertThat(unnamed.name()).isEmpty();
    }

    @Test
    void with_metadata_returns_a_new_value_with_the_new_metadata_and_leaves_the_original_alone() {
        LinkedAccount original = created();
        Instant later = CREATED.plus(Duration.ofHours(1));

        LinkedAccount changed = original.withMetadata(new Metadata("{\"plan\":\"pro\"}"), later);

        assertThat(changed.metadata()).isEqualTo(new Metadata("{\"plan\":\"pro\"}"));
        assertThat(changed.updatedAt()).isEqualTo(later);
        assertThat(changed.createdAt()).isEqualTo(CREATED);
        assertThat(changed.name()).isEqualTo(original.name());
        assertThat(changed.key()).isEqualTo(original.key());
        assertThat(original.metadata()).isEqualTo(new Metadata("{\"plan\":\"free\"}"));
    }

    @Test
    void renamed_with_a_clock_behind_creation_does_not_move_updated_at_before_created_at() {
        LinkedAccount renamed = created().renamed(Optional.of(new AccountName("Other")), CREATED.minusSeconds(30));

        assertThat(renamed.updatedAt()).isEqualTo(CREATED);
        assertThat(renamed.name()).contains(new AccountName("Other"));
    }

    @Test
    void with_metadata_with_a_clock_behind_creation_does_not_move_updated_at_before_created_at() {
        LinkedAccount changed = created().withMetadata(Metadata.EMPTY, CREATED.minus(Duration.ofDays(1)));

        assertThat(changed.updatedAt()).isEqualTo(CREATED);
        assertThat(changed.metadata()).isEqualTo(Metadata.EMPTY);
    }

    @Test
    void an_account_updated_before_it_was_created_is_refused() {
        LinkedAccountKey key = LinkedAccountKey.random();

        assertThatIllegalArgumentException().isThrownBy(() -> new LinkedAccount(
                        WORKSPACE, ID, key, Optional.empty(), Metadata.EMPTY, CREATED, CREATED.minusMillis(1)))
                .withMessageContaining("updatedAt");
    }

    @Test
    void every_part_is_required() {
        LinkedAccountKey key = LinkedAccountKey.random();

        assertThatNullPointerException().isThrownBy(() -> new LinkedAccount(null, ID, key, Optional.empty(), Metadata.EMPTY, CREATED, CREATED));
        assertThatNullPointerException().isThrownBy(() -> new LinkedAccount(WORKSPACE, null, key, Optional.empty(), Metadata.EMPTY, CREATED, CREATED));
        assertThatNullPointerException().isThrownBy(() -> new LinkedAccount(WORKSPACE, ID, null, Optional.empty(), Metadata.EMPTY, CREATED, CREATED));
        assertThatNullPointerException().isThrownBy(() -> new LinkedAccount(WORKSPACE, ID, key, null, Metadata.EMPTY, CREATED, CREATED));
        assertThatNullPointerException().isThrownBy(() -> new LinkedAccount(WORKSPACE, ID, key, Optional.empty(), null, CREATED, CREATED));
        assertThatNullPointerException().isThrownBy(() -> new LinkedAccount(WORKSPACE, ID, key, Optional.empty(), Metadata.EMPTY, null, CREATED));
        assertThatNullPointerException().isThrownBy(() -> new LinkedAccount(WORKSPACE, ID, key, Optional.empty(), Metadata.EMPTY, CREATED, null));
    }
}
