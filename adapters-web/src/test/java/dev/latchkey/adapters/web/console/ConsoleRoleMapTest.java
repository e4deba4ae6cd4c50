package dev.latchkey.adapters.web.console;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleRoleMapTest {
    private final ConsoleRoleMap map = ConsoleRoleMap.parse(ConsoleRoleMap.DEFAULT);

    @Test
    void a_user_in_several_mapped_groups_gets_the_highest_role_and_unmapped_groups_give_none() {
        assertThat(map.grantsOf(List.of("lk-viewers", "lk-admins", "engineering")).everywhere()).contains(ConsoleRole.ADMIN);
        assertThat(map.grantsOf(List.of("lk-support")).in("any")).contains(ConsoleRole.SUPPORT);
        assertThat(map.grantsOf(List.of("engineering", "LK-OWNERS")).isEmpty()).as("group names are compared exactly").isTrue();
        assertThat(map.grantsOf(List.of()).isEmpty()).isTrue();
    }

    @Test
    void several_groups_may_give_one_role() {
        ConsoleRoleMap two = ConsoleRoleMap.parse("admin=platform, admin=sre ,viewer=everyone");
        assertThat(two.grantsOf(List.of("sre")).everywhere()).contains(ConsoleRole.ADMIN);
        assertThat(two.grantsOf(List.of("everyone")).everywhere()).contains(ConsoleRole.VIEWER);
    }

    @Test
    void a_role_limited_to_a_workspace_applies_there_only_and_adds_to_a_role_everywhere() {
        ConsoleRoleMap scoped = ConsoleRoleMap.parse("viewer=everyone,admin@acme=acme-platform,support@globex=acme-platform");
        ConsoleGrants acmeAdmin = scoped.grantsOf(List.of("acme-platform"));
        assertThat(acmeAdmin.everywhere()).isEmpty();
        assertThat(acmeAdmin.in("acme")).contains(ConsoleRole.ADMIN);
        assertThat(acmeAdmin.in("globex")).contains(ConsoleRole.SUPPORT);
        assertThat(acmeAdmin.in("initech")).isEmpty();
        assertThat(acmeAdmin.isEmpty()).isFalse();

        ConsoleGrants both = scoped.grantsOf(List.of("everyone", "acme-platform"));
        assertThat(both.in("acme")).contains(ConsoleRole.ADMIN);
        assertThat(both.in("initech")).contains(ConsoleRole.VIEWER);
        assertThat(both.describe()).isEqualTo("viewer, admin in acme, support in globex");
    }

    @Test
    void every_bad_entry_is_named_at_once() {
        assertThatThrownBy(() -> ConsoleRoleMap.parse("root=ops,viewer,admin=x,viewer=x,admin@=y"))
                .hasMessageContaining("'root' is not a console role")
                .hasMessageContaining("'viewer' is not role=group")
                .hasMessageContaining("the group 'x' is mapped to both admin and viewer")
                .hasMessageContaining("'admin@=y' names no workspace");
        assertThatThrownBy(() -> ConsoleRoleMap.parse(" , ")).hasMessageContaining("maps no group");
        assertThat(ConsoleRoleMap.parse("admin=x,viewer@acme=x").grantsOf(List.of("x")).in("acme")).as("another scope")
                .isEqualTo(Optional.of(ConsoleRole.ADMIN));
    }

    @Test
    void what_each_role_may_do() {
        assertThat(ConsoleRole.VIEWER.mayCopyReconnectLinks()).isFalse();
        assertThat(ConsoleRole.SUPPORT.mayCopyReconnectLinks()).isTrue();
        assertThat(ConsoleRole.SUPPORT.mayChange()).isFalse();
        assertThat(ConsoleRole.ADMIN.mayChange()).isTrue();
        assertThat(ConsoleRole.OWNER.mayChange()).isTrue();
    }
}
