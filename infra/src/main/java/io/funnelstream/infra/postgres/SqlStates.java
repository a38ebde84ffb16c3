package io.funnelstream.infra.postgres;

import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Reads Postgres errors by SQLSTATE and constraint name rather than by message text. */
final class SqlStates {

    static final String UNIQUE_VIOLATION = "23505";

    /**
     * SQLSTATE classes of failures that say nothing about the statement: connection exceptions, transaction
     * rollbacks (serialization, deadlock), insufficient resources, operator intervention (shutdown), system errors.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");

    private SqlStates() {}

    /** True for a unique violation of the named constraint (or index). */
    static boolean isUniqueViolation(Throwable error, String constraint) {
        return error instanceof R2dbcException r2dbc
                && UNIQUE_VIOLATION.equals(r2dbc.getSqlState())
                && error instanceof PostgresqlException postgres
                && postgres.getErrorDetails().getConstraintName().filter(constraint::equals).isPresent();
    }

    /**
     * True when trying the same work again later may succeed: the server or the connection to it failed, a
     * conflict rolled the transaction back, or no connection could be had in time. False for a statement the
     * server refused as such (a constraint, a bad value), which a retry would only repeat.
     */
    static boolean isTransient(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof R2dbcTransientException || e instanceof R2dbcNonTransientResourceException
                    || e instanceof IOException || e instanceof TimeoutException) {
                return true;
            }
            if (e instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
                    && r2dbc.getSqlState().length() == 5) {
                return TRANSIENT_CLASSES.contains(r2dbc.getSqlState().substring(0, 2));
            }
            String type = e.getClass().getName();
            if (type.startsWith("io.r2dbc.pool.") || type.startsWith("reactor.pool.") || type.startsWith("io.netty.")) {
                return true;
            }
        }
        return false;
    }
}
