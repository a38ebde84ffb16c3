package io.funnelstream.api.bench;

import io.funnelstream.api.config.FeatureConfiguration;
import io.funnelstream.api.config.WebConfiguration;
import io.funnelstream.api.error.ErrorHandlingConfiguration;
import io.funnelstream.api.security.SecurityConfiguration;
import io.funnelstream.api.support.NoApiKeys;
import org.springframework.context.annotation.Import;

/** The service's own web and security setup for a web slice, plus the bench chain when its profile is on. */
@Import({
    NoApiKeys.class,
    ErrorHandlingConfiguration.class,
    SecurityConfiguration.class,
    FeatureConfiguration.class,
    WebConfiguration.class,
    BenchSecurityConfiguration.class
})
final class ServiceEdge {

    private ServiceEdge() {}
}
