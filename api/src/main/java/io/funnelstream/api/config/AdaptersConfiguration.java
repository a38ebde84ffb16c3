package io.funnelstream.api.config;

import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.crypto.KeysetFiles;
import io.funnelstream.infra.crypto.SecretCipher;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Postgres adapters every mode shares: tenant-scoped transactions, the tenant directory, provider secrets. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
public class AdaptersConfiguration {

    @Bean
    TenantTransactions tenantTransactions(ConnectionFactory connectionFactory) {
        return new TenantTransactions(connectionFactory);
    }

    @Bean
    TenantDirectory tenantDirectory(TenantTransactions transactions) {
        return PostgresAdapters.tenantDirectory(transactions);
    }

    /** The keyset given directly wins; otherwise the keyset file, created on first use. */
    @Bean
    SecretCipher secretCipher(SecretsProperties properties) {
        if (properties.keyset() != null && !properties.keyset().isBlank()) {
            return SecretCipher.fromKeyset(properties.keyset());
        }
        Path file = properties.keysetPath();
        if (file == null) {
            throw new IllegalStateException("No keyset for provider secrets: set FS_SECRETS_KEYSET (Tink JSON keyset) "
                    + "or FS_SECRETS_KEYSET_FILE");
        }
        return SecretCipher.fromKeyset(KeysetFiles.loadOrCreate(file));
    }

    @Bean
    ProviderSecrets providerSecrets(TenantTransactions transactions, SecretCipher cipher) {
        return PostgresAdapters.providerSecrets(transactions, cipher);
    }
}
