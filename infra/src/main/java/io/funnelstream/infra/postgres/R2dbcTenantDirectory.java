package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.ApiKey;
import io.funnelstream.engine.model.ApiKeyPrincipal;
import io.funnelstream.engine.model.IssuedApiKey;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.TenantDirectory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Tenants and API keys in Postgres; lookups before a tenant is known go through SECURITY DEFINER functions. */
final class R2dbcTenantDirectory implements TenantDirectory {

    static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** Webhook keys are 68 characters; anything much longer is not one and is not sent to the database. */
    static final int MAX_WEBHOOK_KEY_LENGTH = 256;
    /** Display prefixes carry 48 random bits, so a collision is rare; a fresh key then settles it. */
    static final int PREFIX_COLLISION_RETRIES = 3;

    private static final String TENANT_COLUMNS = "id, slug, name, webhook_key, created_at";
    private static final String KEY_COLUMNS = "id, tenant_id, name, key_prefix, role, created_at, revoked_at";

    private final TenantTransactions transactions;
    private final SecureRandom random;

    R2dbcTenantDirectory(TenantTransactions transactions, SecureRandom random) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Mono<TenantRecord> createTenant(String slug, String name) {
        if (!SLUG.matcher(slug).matches()) {
            return Mono.error(new IllegalArgumentException("tenant slug must be 1-63 lower-case letters, digits "
                    + "and inner hyphens: " + slug));
        }
        if (name.isBlank()) {
            return Mono.error(new IllegalArgumentException("tenant name is blank"));
        }
        return transactions
                .inTransaction(c -> Flux.from(c.createStatement("select funnelstream_create_tenant($1, $2) as id")
                                .bind(0, slug)
                                .bind(1, name)
                                .execute())
                        .concatMap(r -> r.map((row, meta) -> required(row, "id", UUID.class))))
                .singleOrEmpty()
                .onErrorMap(e -> SqlStates.isUniqueViolation(e, "tenants_slug_key"), e -> new SlugTakenException(slug))
                .flatMap(id -> findTenant(new TenantId(id)));
    }

    @Override
    public Mono<TenantRecord> findTenant(TenantId tenant) {
        return transactions
                .inTenant(tenant, c -> Flux.from(c.createStatement(
                                        "select " + TENANT_COLUMNS + " from tenants where id = $1")
                                .bind(0, tenant.value())
                                .execute())
                        .concatMap(r -> r.map((row, meta) -> tenantRecord(row))))
                .singleOrEmpty();
    }

    @Override
    public Mono<IssuedApiKey> createApiKey(TenantId tenant, String name, Role role) {
        if (name.isBlank()) {
            return Mono.error(new IllegalArgumentException("API key name is blank"));
        }
        return Mono.defer(() -> issue(tenant, name, role, ApiKeys.generate(random)))
                .retryWhen(Retry.max(PREFIX_COLLISION_RETRIES)
                        .filter(e -> SqlStates.isUniqueViolation(e, "api_keys_key_prefix_key")));
    }

    private Mono<IssuedApiKey> issue(TenantId tenant, String name, Role role, String plaintext) {
        String prefix = ApiKeys.displayPrefix(plaintext);
        String sql = "insert into api_keys (tenant_id, name, key_prefix, key_hash, role)"
                + " values ($1, $2, $3, $4, $5) returning " + KEY_COLUMNS;
        return transactions
                .inTenant(tenant, c -> Flux.from(c.createStatement(sql)
                                .bind(0, tenant.value())
                                .bind(1, name)
                                .bind(2, prefix)
                                .bind(3, ApiKeys.hash(plaintext))
                                .bind(4, role.slug())
                                .execute())
                        .concatMap(r -> r.map((row, meta) -> apiKey(row))))
                .single()
                .map(key -> new IssuedApiKey(key, plaintext));
    }

    @Override
    public Mono<ApiKeyPrincipal> resolveApiKey(String plaintext) {
        if (!ApiKeys.isWellFormed(plaintext)) {
            return Mono.empty();
        }
        return transactions
                .inTransaction(c -> Flux.from(c.createStatement(
                                        "select api_key_id, tenant_id, role from funnelstream_resolve_api_key($1)")
                                .bind(0, ApiKeys.hash(plaintext))
                                .execute())
                        .concatMap(r -> r.map((row, meta) -> new ApiKeyPrincipal(
                                required(row, "api_key_id", UUID.class),
                                new TenantId(required(row, "tenant_id", UUID.class)),
                                role(row)))))
                .singleOrEmpty();
    }

    @Override
    public Mono<TenantId> resolveWebhookKey(String webhookKey) {
        if (webhookKey.isBlank() || webhookKey.length() > MAX_WEBHOOK_KEY_LENGTH) {
            return Mono.empty();
        }
        String sql = "select r.id from funnelstream_resolve_webhook_key($1) as r(id) where r.id is not null";
        return transactions
                .inTransaction(c -> Flux.from(c.createStatement(sql).bind(0, webhookKey).execute())
                        .concatMap(r -> r.map((row, meta) -> new TenantId(required(row, "id", UUID.class)))))
                .singleOrEmpty();
    }

    @Override
    public Mono<Boolean> revokeApiKey(TenantId tenant, UUID apiKeyId) {
        String sql = "update api_keys set revoked_at = now() where id = $1 and tenant_id = $2 and revoked_at is null";
        return transactions
                .inTenant(tenant, c -> Flux.from(c.createStatement(sql)
                                .bind(0, apiKeyId)
                                .bind(1, tenant.value())
                                .execute())
                        .concatMap(Result::getRowsUpdated))
                .reduce(0L, Long::sum)
                .map(updated -> updated > 0);
    }

    @Override
    public Flux<ApiKey> listApiKeys(TenantId tenant) {
        String sql = "select " + KEY_COLUMNS + " from api_keys where tenant_id = $1 order by created_at, id";
        return transactions.inTenant(tenant, c -> Flux.from(c.createStatement(sql)
                        .bind(0, tenant.value())
                        .execute())
                .concatMap(r -> r.map((row, meta) -> apiKey(row))));
    }

    private static TenantRecord tenantRecord(Row row) {
        return new TenantRecord(
                new TenantId(required(row, "id", UUID.class)),
                required(row, "slug", String.class),
                required(row, "name", String.class),
                required(row, "webhook_key", String.class),
                required(row, "created_at", Instant.class));
    }

    private static ApiKey apiKey(Row row) {
        return new ApiKey(
                required(row, "id", UUID.class),
                new TenantId(required(row, "tenant_id", UUID.class)),
                required(row, "name", String.class),
                required(row, "key_prefix", String.class),
                role(row),
                required(row, "created_at", Instant.class),
                row.get("revoked_at", Instant.class));
    }

    private static Role role(Row row) {
        String slug = required(row, "role", String.class);
        return Role.fromSlug(slug).orElseThrow(() -> new IllegalStateException("unknown role in database: " + slug));
    }

    private static <T> T required(Row row, String column, Class<T> type) {
        return Objects.requireNonNull(row.get(column, type), column);
    }
}
