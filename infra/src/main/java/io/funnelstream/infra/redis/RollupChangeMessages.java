package io.funnelstream.infra.redis;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.Scope;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The text form of a change on the pub/sub channel: {@code 1 <tenant uuid> <scope code>...}, separated by single
 * spaces (scope codes hold none). The leading version lets a later format live beside this one.
 */
final class RollupChangeMessages {

    private static final String VERSION = "1";

    private RollupChangeMessages() {}

    static String encode(RollupsChanged change) {
        StringBuilder out = new StringBuilder(64 + 40 * change.scopes().size());
        out.append(VERSION).append(' ').append(change.tenant());
        change.scopes().forEach(scope -> out.append(' ').append(scope.code()));
        return out.toString();
    }

    /** The change, or empty for a message of another version or a malformed one. */
    static Optional<RollupsChanged> decode(String message) {
        String[] parts = message.split(" ", -1);
        if (parts.length < 3 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        for (int i = 2; i < parts.length; i++) {
            Optional<Scope> scope = Scope.fromCode(parts[i]);
            if (scope.isEmpty()) {
                return Optional.empty();
            }
            scopes.add(scope.get());
        }
        try {
            return Optional.of(new RollupsChanged(TenantId.of(parts[1]), scopes));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
