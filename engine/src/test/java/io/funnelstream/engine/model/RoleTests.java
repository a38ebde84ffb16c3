package io.funnelstream.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTests {

    @Test
    void shouldLetEachRoleDoWhatTheRolesBelowItDo() {
        assertThat(Role.ADMIN.includes(Role.VIEWER)).isTrue();
        assertThat(Role.ADMIN.includes(Role.ANALYST)).isTrue();
        assertThat(Role.ANALYST.includes(Role.VIEWER)).isTrue();
        assertThat(Role.ANALYST.includes(Role.ADMIN)).isFalse();
        assertThat(Role.VIEWER.includes(Role.ANALYST)).isFalse();
        assertThat(Role.VIEWER.includes(Role.VIEWER)).isTrue();
    }

    @Test
    void shouldRoundTripItsSlug() {
        for (Role role : Role.values()) {
            assertThat(Role.fromSlug(role.slug())).contains(role);
        }
        assertThat(Role.fromSlug("owner")).isEmpty();
    }
}
