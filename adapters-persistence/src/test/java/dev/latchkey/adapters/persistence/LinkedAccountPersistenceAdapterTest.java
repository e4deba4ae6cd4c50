package dev.latchkey.adapters.persistence;

import dev.latchkey.adapters.persistence.account.LinkedAccountPersistenceAdapter;
import dev.latchkey.adapters.persistence.workspace.WorkspacePersistenceAdapter;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.AccountName;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;
import dev.latchkey.domain.account.Metadata;
import dev.latchkey.domain.workspace.Environment;
import dev.latchkey.domain.workspace.Workspace;
import dev.latchkey.domain.workspace.WorkspaceId;
import dev.latchkey.domain.workspace.WorkspaceName;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
class LinkedAccountPersistenceAdapterTest extends PersistenceTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456Z");

    @Inject
    LinkedAccountPersistenceAdapter accounts;
    @Inject
    WorkspacePersistenceAdapter workspaces;

    private WorkspaceId acme;
    private WorkspaceId globex;

    @BeforeAll
    void workspaces() {
        acme = workspace("acme");
        globex = workspace("globex");
    }

    private WorkspaceId workspace(String name) {
        Workspace workspace = new Workspace(WorkspaceId.random(), new WorkspaceName(name), Environment.TEST, NOW);
        assertThat(workspaces.insert(workspace)).isTrue();
        return workspace.id();
    }

    private LinkedAccount account(WorkspaceId workspace, String id, String name) {
        return LinkedAccount.create(workspace, new LinkedAccountId(id), Optional.ofNullable(name).map(AccountName::new),
                new Metadata("{\"plan\": \"pro\", \"seats\": 3}"), NOW);
    }

    @Test
    void an_inserted_account_reads_back_with_every_field() {
        LinkedAccount account = account(acme, "cust-1", "Acme Inc");
        assertThat(accounts.insert(account)).isTrue();

        LinkedAccount read = accounts.find(acme, account.id()).orElseThrow();
        assertThat(read.key()).isEqualTo(account.key());
        assertThat(read.name()).contains(new AccountName("Acme Inc"));
        assertThat(read.metadata().json()).contains("\"plan\"").contains("\"pro\"");
        assertThat(read.createdAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void a_taken_id_is_refused_and_the_first_account_is_kept() {
        accounts.insert(account(acme, "cust-dup", "First"));
        assertThat(accounts.insert(account(acme, "cust-dup", "Second"))).isFalse();
        assertThat(accounts.find(acme, new LinkedAccountId("cust-dup")).orElseThrow().name()).contains(new AccountName("First"));
    }

    @Test
    void the_same_id_in_another_workspace_is_another_account_and_invisible_across() {
        accounts.insert(account(acme, "cust-shared", "Acme's"));
        assertThat(accounts.find(globex, new LinkedAccountId("cust-shared"))).isEmpty();
        assertThat(accounts.insert(account(globex, "cust-shared", "Globex's"))).isTrue();
        assertThat(accounts.find(globex, new LinkedAccountId("cust-shared")).orElseThrow().name()).contains(new AccountName("Globex's"));
        assertThat(accounts.delete(globex, new LinkedAccountId("cust-shared"))).isTrue();
        assertThat(accounts.find(acme, new LinkedAccountId("cust-shared"))).isPresent();
    }

    @Test
    void an_update_changes_name_and_metadata() {
        LinkedAccount account = account(acme, "cust-upd", "Before");
        accounts.insert(account);
        Instant later = NOW.plusSeconds(60);
        accounts.update(account.renamed(Optional.empty(), later).withMetadata(new Metadata("{\"tier\": 2}"), later));

        LinkedAccount read = accounts.find(acme, account.id()).orElseThrow();
        assertThat(read.name()).isEmpty();
        assertThat(read.metadata().json()).contains("tier");
        assertThat(read.updatedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void exists_follows_the_incarnation_not_the_id() {
        LinkedAccount first = account(acme, "cust-reborn", null);
        accounts.insert(first);
        accounts.delete(acme, first.id());
        LinkedAccount second = account(acme, "cust-reborn", null);
        accounts.insert(second);

        assertThat(accounts.exists(acme, first.key())).isFalse();
        assertThat(accounts.exists(acme, second.key())).isTrue();
        assertThat(accounts.exists(globex, second.key())).isFalse();
    }

    @Test
    void paging_walks_every_account_once_in_id_order_even_when_accounts_are_added_meanwhile() {
        WorkspaceId ws = workspace("paging");
        for (int i = 0; i < 25; i++) {
            accounts.insert(account(ws, String.format("p-%03d", i * 2), null));
        }
        List<String> seen = new ArrayList<>();
        Optional<LinkedAccountId> after = Optional.empty();
        int pages = 0;
        while (true) {
            Page<LinkedAccount> page = accounts.list(ws, 10, after, Optional.empty());
            page.items().forEach(a -> seen.add(a.id().value()));
            pages++;
            if (pages == 1) {
                // Inserted behind and ahead of the cursor while paging.
                accounts.insert(account(ws, "p-001", null));
                accounts.insert(account(ws, "p-047", null));
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            after = Optional.of(new LinkedAccountId(page.nextCursor().get()));
        }
        assertThat(seen).doesNotHaveDuplicates().isSorted().contains("p-000", "p-048", "p-047").doesNotContain("p-001");
        assertThat(seen).hasSize(26);
    }

    @Test
    void search_matches_a_prefix_of_the_id_or_of_the_name_case_insensitively_and_treats_wildcards_literally() {
        WorkspaceId ws = workspace("search");
        accounts.insert(account(ws, "org_1", "Umbrella Corp"));
        accounts.insert(account(ws, "orgX1", "Other"));
        accounts.insert(account(ws, "zed", "umbrella Two"));

        assertThat(ids(accounts.list(ws, 50, Optional.empty(), Optional.of("umb")))).containsExactly("org_1", "zed");
        assertThat(ids(accounts.list(ws, 50, Optional.empty(), Optional.of("org_")))).containsExactly("org_1");
        assertThat(ids(accounts.list(ws, 50, Optional.empty(), Optional.of("%")))).isEmpty();
    }

    @Test
    void a_search_pages_in_id_order_through_id_and_name_matches_each_once() {
        WorkspaceId ws = workspace("search-pages");
        for (int i = 0; i < 12; i++) {
            accounts.insert(account(ws, String.format("glo-%02d", i), "Other " + i)); // the id matches
            accounts.insert(account(ws, String.format("acct-%02d", i), "Globex " + i)); // the name matches
            accounts.insert(account(ws, String.format("both-%02d", i), i % 2 == 0 ? "GLOBAL " + i : "Initech")); // half by name
        }
        accounts.insert(account(ws, "glo-99", "Globex too")); // both: once
        accounts.insert(account(ws, "gl", "Initech")); // shorter than the prefix: no

        List<String> seen = new ArrayList<>();
        Optional<LinkedAccountId> after = Optional.empty();
        int pages = 0;
        do {
            Page<LinkedAccount> page = accounts.list(ws, 5, after, Optional.of("glo"));
            page.items().forEach(a -> seen.add(a.id().value()));
            after = page.nextCursor().map(LinkedAccountId::new);
            pages++;
        } while (after.isPresent());

        assertThat(seen).doesNotHaveDuplicates().isSorted().hasSize(12 + 12 + 6 + 1).contains("glo-99", "acct-00", "both-10")
                .doesNotContain("gl", "both-01");
        assertThat(pages).isEqualTo(7);
    }

    @Test
    void a_search_takes_any_character_as_itself() {
        WorkspaceId ws = workspace("search-characters");
        accounts.insert(account(ws, "a_b", "ünïcode GmbH"));
        accounts.insert(account(ws, "axb", "back\\slash & co"));
        accounts.insert(account(ws, "a-b", "émile \uD83D\uDE00 Sàrl"));

        assertThat(ids(accounts.list(ws, 50, Optional.empty(), Optional.of("a_")))).containsExactly("a_b");
        assertThat(ids(accounts.list(ws, 50, Optional.empty(), Optional.of("back\\")))).containsExactly("axb");
        assertThat(ids(accounts.list(ws, 50, Optional.empty(), Optional.of("ünï")))).containsExactly("a_b");
        assertThat(ids(accounts.list(ws, 50, Optional.empty(), Optional.of("émile \uD83D\uDE00")))).containsExactly("a-b");
        assertThat(ids(accounts.list(ws, 50, Optional.empty(), Optional.of("émile \uD83D\uDE01")))).isEmpty();
    }

    @Test
    void delete_reports_whether_there_was_an_account() {
        accounts.insert(account(acme, "cust-del", null));
        assertThat(accounts.delete(acme, new LinkedAccountId("cust-del"))).isTrue();
        assertThat(accounts.delete(acme, new LinkedAccountId("cust-del"))).isFalse();
        assertThat(accounts.find(acme, new LinkedAccountId("cust-del"))).isEmpty();
    }

    private static List<String> ids(Page<LinkedAccount> page) {
        return page.items().stream().map(a -> a.id().value()).toList();
    }
}
