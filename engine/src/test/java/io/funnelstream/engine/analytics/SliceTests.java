package io.funnelstream.engine.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.rollup.Scope;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SliceTests {

    private static final UUID DISTRIBUTION = UUID.fromString("0b7e1f6c-2a4d-4c58-9e3b-5d6f7a8b9c0d");

    @Test
    void shouldMapSingleFiltersToTheirRollupScopes() {
        assertThat(Slice.all().scope()).contains(Scope.all());
        assertThat(Slice.ofChannel(Channel.SMS).scope()).contains(Scope.channel(Channel.SMS));
        assertThat(Slice.ofProvider(Provider.TWILIO).scope()).contains(Scope.provider(Provider.TWILIO));
        assertThat(Slice.ofDistribution(DISTRIBUTION).scope()).contains(Scope.distribution(DISTRIBUTION));
    }

    @Test
    void shouldReadAChannelOfASingleChannelProviderAsTheProvider() {
        assertThat(Slice.ofChannel(Channel.EMAIL).withProvider(Provider.SENDGRID).scope())
                .contains(Scope.provider(Provider.SENDGRID));
        assertThat(Slice.ofChannel(Channel.WHATSAPP).withProvider(Provider.META).scope())
                .contains(Scope.provider(Provider.META));
    }

    @Test
    void shouldHaveNoRollupScopeForSlicesAcrossTwoDimensions() {
        assertThat(Slice.ofChannel(Channel.SMS).withProvider(Provider.TWILIO).scope()).isEmpty();
        assertThat(Slice.ofDistribution(DISTRIBUTION).withChannel(Channel.EMAIL).scope()).isEmpty();
        assertThat(Slice.ofDistribution(DISTRIBUTION).withProvider(Provider.SES).scope()).isEmpty();
    }
}
