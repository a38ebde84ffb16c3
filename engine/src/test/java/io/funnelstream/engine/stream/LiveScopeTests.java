package io.funnelstream.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.rollup.Scope;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveScopeTests {

    @Test
    void shouldParseEachFormAndMapItToItsRollupScope() {
        UUID id = UUID.randomUUID();
        assertThat(LiveScope.parse("overview").flatMap(LiveScope::rollupScope)).contains(Scope.all());
        assertThat(LiveScope.parse("channel:sms").flatMap(LiveScope::rollupScope)).contains(Scope.channel(Channel.SMS));
        assertThat(LiveScope.parse("distribution:" + id).flatMap(LiveScope::rollupScope))
                .contains(Scope.distribution(id));
        assertThat(LiveScope.parse("experiment:" + id)).get().satisfies(scope -> {
            assertThat(scope.name()).isEqualTo("experiment:" + id);
            assertThat(scope.rollupScope()).isEmpty();
        });
    }

    @Test
    void shouldRefuseMalformedScopes() {
        for (String text : new String[] {"", "all", "channel:", "channel:SMS", "channel:fax", "distribution:x",
                "distribution:" + UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT), "survey:1"}) {
            assertThat(LiveScope.parse(text)).as(text).isEmpty();
        }
    }
}
