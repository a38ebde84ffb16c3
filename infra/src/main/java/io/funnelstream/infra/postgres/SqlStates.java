package io.funnelstream.infra.postgres;

import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcException;

/** Reads Postgres errors by SQLSTATE and constraint name rather than by message text. */
final class SqlStates {

    static final String UNIQUE_VIOLATION = "23505";

    private SqlStates() {}

    /** True for a unique violation of the named constraint (or index). */
    static boolean isUniqueViolation(Throwable error, String constraint) {
        return error instanceof R2dbcException r2dbc
                && UNIQUE_VIOLATION.equals(r2dbc.getSqlState())
                && error instanceof PostgresqlException postgres
                && postgres.getErrorDetails().getConstraintName().filter(constraint::equals).isPresent();
    }
}
