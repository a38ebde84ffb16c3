package io.funnelstream.api.security;

import io.funnelstream.engine.model.Role;
import java.util.List;

/**
 * The role hierarchy: an admin may do all an analyst may, an analyst all a viewer may. Authorities are
 * granted cumulatively so route rules name the least role they need.
 */
final class Roles {

    static final String VIEWER = "ROLE_VIEWER";
    static final String ANALYST = "ROLE_ANALYST";
    static final String ADMIN = "ROLE_ADMIN";

    private Roles() {}

    static List<String> authoritiesOf(Role role) {
        return switch (role) {
            case ADMIN -> List.of(ADMIN, ANALYST, VIEWER);
            case ANALYST -> List.of(ANALYST, VIEWER);
            case VIEWER -> List.of(VIEWER);
        };
    }
}
