package io.funnelstream.api.security;

import io.funnelstream.api.config.HomePaths;
import io.funnelstream.api.config.Profiles;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.crypto.KeysetFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The embedded default's first start: so that a newcomer can call the API at once, it creates the tenant
 * {@code default} and an admin key, and writes the key to a file only its owner can read (never to the log).
 * Production creates tenants with {@code ./funnelstream tenant create}.
 */
@Component
@Profile("!" + Profiles.PRODUCTION)
@ConditionalOnProperty(name = "funnelstream.bootstrap.enabled", havingValue = "true", matchIfMissing = true)
class FirstStartBootstrap {

    static final String SLUG = "default";
    private static final Logger log = LoggerFactory.getLogger(FirstStartBootstrap.class);

    private final TenantDirectory directory;
    private final Path keyFile;

    FirstStartBootstrap(TenantDirectory directory,
            @Value("${funnelstream.bootstrap.admin-key-file}") String keyFile) {
        this.directory = directory;
        this.keyFile = HomePaths.expand(keyFile);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        bootstrap().subscribe(
                created -> log.info("First start: created tenant '{}'; its admin API key is in {}", SLUG, keyFile),
                failure -> log.warn("First-start bootstrap did not complete: {}", failure.getMessage()));
    }

    /** Creates the tenant and key unless the key file exists; emits the file when it created them. */
    Mono<Path> bootstrap() {
        return Mono.fromCallable(() -> Files.exists(keyFile))
                .subscribeOn(Schedulers.boundedElastic())
                .filter(exists -> !exists)
                .flatMap(absent -> directory.createTenant(SLUG, "Default tenant"))
                .flatMap(tenant -> directory.createApiKey(tenant.id(), "admin (first start)", Role.ADMIN))
                .flatMap(key -> Mono.fromCallable(() -> write(key.plaintext())).subscribeOn(Schedulers.boundedElastic()))
                .onErrorMap(TenantDirectory.SlugTakenException.class, e -> new IllegalStateException("tenant '" + SLUG
                        + "' exists but " + keyFile + " is missing; issue a key with ./funnelstream tenant create"));
    }

    private Path write(String key) throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Files.writeString(keyFile, key + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        KeysetFiles.restrict(keyFile);
        return keyFile;
    }
}
