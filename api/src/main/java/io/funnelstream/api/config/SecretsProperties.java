package io.funnelstream.api.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keyset that seals provider secrets at rest ({@code funnelstream.secrets.*}).
 *
 * @param keyset the Tink keyset as JSON, given directly (production: from a secret store, through the environment)
 * @param keysetFile a file holding it; the embedded default creates one, readable by its owner only, on first start
 */
@ConfigurationProperties("funnelstream.secrets")
public record SecretsProperties(@Nullable String keyset, @Nullable String keysetFile) {

    /** The keyset file with a leading {@code ~} expanded, if one is configured. */
    public @Nullable Path keysetPath() {
        if (keysetFile == null || keysetFile.isBlank()) {
            return null;
        }
        return HomePaths.expand(keysetFile);
    }
}
