package io.funnelstream.api.demo;

import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.tracking.TrackingTokens;
import io.funnelstream.infra.postgres.DemoCatalog;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;

/** Starts the demo simulator once the service is ready, when {@code funnelstream.demo.enabled} is true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "funnelstream.demo.enabled", havingValue = "true")
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration implements DisposableBean {

    private @Nullable Disposable running;

    @Bean
    DemoSimulator demoSimulator(TenantDirectory directory, TenantTransactions transactions, MessageRegistry registry,
            TrackingTokens tokens, Clock clock, DemoProperties properties) {
        return new DemoSimulator(directory, new DemoCatalog(transactions), registry, tokens, clock, properties);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent ready) {
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        running = ready.getApplicationContext().getBean(DemoSimulator.class).start("http://127.0.0.1:" + port);
    }

    @Override
    public void destroy() {
        if (running != null) {
            running.dispose();
        }
    }
}
