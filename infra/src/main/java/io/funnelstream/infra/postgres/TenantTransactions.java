package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.TenantId;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs work in a transaction on a pooled connection, optionally scoped to one tenant.
 *
 * <p>{@link #inTenant} sets {@code funnelstream.tenant_id} with {@code set_config(.., true)}: local to the
 * transaction, so it can never leak to the next user of the pooled connection, and every row-level security
 * policy reads it. The work commits when its publisher completes and rolls back when it fails <em>or is
 * cancelled</em>; the connection goes back to the pool in every case.
 *
 * <p>Because cancellation rolls back, take a single result with {@code single()}, {@code singleOrEmpty()} or
 * {@code last()}, never {@code next()} or {@code Mono.from(..)}: those cancel after the first element, so a
 * write would be undone.
 */
public final class TenantTransactions {

    static final String SET_TENANT = "select set_config('funnelstream.tenant_id', $1, true)";

    private final ConnectionFactory connections;

    public TenantTransactions(ConnectionFactory connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** Runs the work in a transaction that sees and writes only the tenant's rows. */
    public <T> Flux<T> inTenant(
            TenantId tenant, Function<? super Connection, ? extends Publisher<? extends T>> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(work, "work");
        return transaction(connection -> setTenant(connection, tenant).thenMany(deferred(work, connection)));
    }

    /**
     * Runs the work in a transaction with no tenant set: tenant tables look empty and refuse writes, so this
     * is for system tables and the SECURITY DEFINER lookups only.
     */
    public <T> Flux<T> inTransaction(Function<? super Connection, ? extends Publisher<? extends T>> work) {
        Objects.requireNonNull(work, "work");
        return transaction(connection -> deferred(work, connection));
    }

    /**
     * One usingWhen over the connection, so that each ending runs in order: commit or rollback first, then
     * the release. (Nested usingWhen would start the release on cancel without waiting for the rollback.)
     */
    private <T> Flux<T> transaction(Function<Connection, Flux<T>> work) {
        return Flux.usingWhen(
                connections.create(),
                connection -> Mono.from(connection.beginTransaction()).thenMany(work.apply(connection)),
                connection -> thenClose(connection, connection.commitTransaction()),
                (connection, error) -> thenClose(connection, connection.rollbackTransaction()),
                connection -> thenClose(connection, Mono.from(connection.rollbackTransaction())
                        .onErrorResume(error -> Mono.empty())));
    }

    /** Runs the step, then closes the connection (back to the pool) whether the step worked or not. */
    private static Mono<Void> thenClose(Connection connection, Publisher<Void> step) {
        return Mono.from(step)
                .onErrorResume(error -> Mono.from(connection.close()).then(Mono.error(error)))
                .then(Mono.from(connection.close()));
    }

    private static <T> Flux<T> deferred(
            Function<? super Connection, ? extends Publisher<? extends T>> work, Connection connection) {
        return Flux.defer(() -> Flux.<T>from(work.apply(connection)));
    }

    private static Mono<Void> setTenant(Connection connection, TenantId tenant) {
        return Flux.from(connection.createStatement(SET_TENANT).bind(0, tenant.toString()).execute())
                .concatMap(result -> result.map((row, meta) -> Boolean.TRUE))
                .then();
    }
}
