package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.infra.crypto.SecretCipher;
import io.r2dbc.spi.Row;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider secrets sealed with AES-256-GCM before they reach Postgres. The associated data names tenant and
 * provider, so a sealed blob moved to another row does not open.
 */
final class R2dbcProviderSecrets implements ProviderSecrets {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

    private final TenantTransactions transactions;
    private final SecretCipher cipher;

    R2dbcProviderSecrets(TenantTransactions transactions, SecretCipher cipher) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public Mono<Map<String, String>> find(TenantId tenant, Provider provider) {
        return transactions
                .inTenant(tenant, c -> Flux.from(c.createStatement(
                                        "select sealed from provider_credentials where tenant_id = $1 and provider = $2")
                                .bind(0, tenant.value())
                                .bind(1, provider.slug())
                                .execute())
                        .concatMap(r -> r.map((row, meta) -> bytes(row, "sealed"))))
                .singleOrEmpty()
                .map(sealed -> unseal(tenant, provider, sealed));
    }

    @Override
    public Mono<Void> put(TenantId tenant, Provider provider, Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            return Mono.error(new IllegalArgumentException("no secrets given"));
        }
        TreeMap<String, String> sorted = new TreeMap<>(secrets);
        byte[] sealed = cipher.seal(JSON.writeValueAsBytes(sorted), associatedData(tenant, provider));
        return transactions
                .inTenant(tenant, c -> Flux.from(c.createStatement("""
                                insert into provider_credentials (tenant_id, provider, sealed, secret_names, updated_at)
                                values ($1, $2, $3, $4, now())
                                on conflict (tenant_id, provider) do update
                                set sealed = excluded.sealed, secret_names = excluded.secret_names,
                                    updated_at = excluded.updated_at""")
                                .bind(0, tenant.value())
                                .bind(1, provider.slug())
                                .bind(2, ByteBuffer.wrap(sealed))
                                .bind(3, sorted.keySet().toArray(String[]::new))
                                .execute())
                        .concatMap(r -> r.getRowsUpdated()))
                .then();
    }

    @Override
    public Mono<Boolean> delete(TenantId tenant, Provider provider) {
        return transactions
                .inTenant(tenant, c -> Flux.from(c.createStatement(
                                        "delete from provider_credentials where tenant_id = $1 and provider = $2")
                                .bind(0, tenant.value())
                                .bind(1, provider.slug())
                                .execute())
                        .concatMap(r -> r.getRowsUpdated()))
                .reduce(0L, Long::sum)
                .map(n -> n > 0);
    }

    @Override
    public Flux<Configured> list(TenantId tenant) {
        return transactions.inTenant(tenant, c -> Flux.from(c.createStatement("""
                                select provider, secret_names, updated_at from provider_credentials
                                where tenant_id = $1 order by provider""")
                        .bind(0, tenant.value())
                        .execute())
                .concatMap(r -> r.map((row, meta) -> new Configured(
                        Provider.fromSlug(Objects.requireNonNull(row.get("provider", String.class))).orElseThrow(),
                        List.of(Objects.requireNonNull(row.get("secret_names", String[].class))),
                        Objects.requireNonNull(row.get("updated_at", OffsetDateTime.class)).toInstant()))));
    }

    @Override
    public Mono<Long> reseal(TenantId tenant) {
        return list(tenant)
                .concatMap(configured -> find(tenant, configured.provider())
                        .flatMap(secrets -> put(tenant, configured.provider(), secrets))
                        .thenReturn(1L))
                .reduce(0L, Long::sum);
    }

    private Map<String, String> unseal(TenantId tenant, Provider provider, byte[] sealed) {
        byte[] clear = cipher.open(sealed, associatedData(tenant, provider));
        try {
            return Map.copyOf(JSON.readValue(clear, MAP));
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    static byte[] associatedData(TenantId tenant, Provider provider) {
        return ("funnelstream/provider-credentials/" + tenant + "/" + provider.slug())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Row row, String column) {
        ByteBuffer buffer = Objects.requireNonNull(row.get(column, ByteBuffer.class), column);
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
