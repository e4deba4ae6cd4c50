package dev.latchkey.adapters.web.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleRoleMapTest {
    private final ConsoleRoleMap map = ConsoleRoleMap.parse(ConsoleRoleMap.DEFAULT);

    @Test
    void a_user_in_several_mapped_groups_gets_the_highest_role_and_unmapped_groups_give_none() {
        assertThat(map.roleOf(List.of("lk-viewers", "lk-admins", "engineering"))).contains(ConsoleRole.ADMIN);
        assertThat(map.roleOf(List.of("lk-support"))).contains(ConsoleRole.SUPPORT);
        assertThat(map.roleOf(List.of("engineering", "LK-OWNERS"))).as("group names are compared exactly").isEmpty();
        assertThat(map.roleOf(List.of())).isEmpty();
    }

    @Test
    void several_groups_may_give_one_role() {
        ConsoleRoleMap two = ConsoleRoleMap.parse("admin=platform, admin=sre ,viewer=everyone");
        assertThat(two.roleOf(List.of("sre"))).contains(ConsoleRole.ADMIN);
        assertThat(two.roleOf(List.of("everyone"))).contains(ConsoleRole.VIEWER);
    }

    @Test
    void every_bad_entry_is_named_at_once() {
        assertThatThrownBy(() -> ConsoleRoleMap.parse("root=ops,viewer,admin=x,viewer=x"))
                .hasMessageContaining("'root' is not a console role")
                .hasMessageContaining("'viewer' is not role=group")
                .hasMessageContaining("the group 'x' is mapped to both admin and viewer");
        assertThatThrownBy(() -> ConsoleRoleMap.parse(" , ")).hasMessageContaining("maps no group");
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
