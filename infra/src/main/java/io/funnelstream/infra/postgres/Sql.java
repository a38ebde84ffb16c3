package io.funnelstream.infra.postgres;

import io.funnelstream.infra.text.IsoInstants;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Small helpers for the pipeline's set-based statements. Arrays go to Postgres either typed and in binary
 * ({@link PgArray}: the statements the pipeline runs per batch) or as {@code text[]} literals cast in SQL (null
 * elements included); instants are written at the microsecond precision Postgres keeps, so that what the pipeline
 * computes with and what it reads back are the same instant.
 */
final class Sql {

    private Sql() {}

    /**
     * Binds the arguments in order; a null goes as a null text, for SQL to cast. A {@code String[]} goes as the text
     * of an array literal ({@link #arrayLiteral}), which the SQL's {@code ::text[]} cast reads; a {@link PgArray}
     * in binary, as its type.
     */
    static Statement bind(Statement statement, @Nullable Object... args) {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg == null) {
                statement.bindNull(i, String.class);
            } else if (arg instanceof String[] values) {
                statement.bind(i, arrayLiteral(values));
            } else {
                statement.bind(i, arg);
            }
        }
        return statement;
    }

    /**
     * The Postgres array literal of the values: each element quoted, {@code "} and {@code \} escaped by a
     * backslash, a null element as {@code NULL}. What the driver would send for a {@code String[]}, written without
     * its per-character escaping: the pipeline sends a dozen such arrays of thousands of elements per batch, and most
     * elements (ids, slugs, instants) need no escape at all; those that do (the windows' JSON deltas) are copied in
     * runs between the characters escaped.
     */
    static String arrayLiteral(@Nullable String[] values) {
        int size = 2;
        for (String v : values) {
            size += v == null ? 5 : v.length() + 3;
        }
        StringBuilder b = new StringBuilder(size).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = values[i];
            if (v == null) {
                b.append("NULL");
            } else if (v.indexOf('"') < 0 && v.indexOf('\\') < 0) {
                b.append('"').append(v).append('"');
            } else {
                b.append('"');
                int from = 0;
                for (int j = 0; j < v.length(); j++) {
                    char c = v.charAt(j);
                    if (c == '"' || c == '\\') {
                        b.append(v, from, j).append('\\').append(c);
                        from = j + 1;
                    }
                }
                b.append(v, from, v.length()).append('"');
            }
        }
        return b.append('}').toString();
    }

    static <T> Flux<T> query(Connection c, String sql, Function<Readable, T> row, @Nullable Object... args) {
        return Flux.from(bind(c.createStatement(sql), args).execute()).concatMap(r -> r.map(row::apply));
    }

    static Mono<Long> update(Connection c, String sql, @Nullable Object... args) {
        return Flux.from(bind(c.createStatement(sql), args).execute())
                .concatMap(Result::getRowsUpdated)
                .reduce(0L, Long::sum);
    }

    /** The instant as Postgres will store it (truncated to microseconds), in ISO-8601. */
    static @Nullable String text(@Nullable Instant at) {
        return at == null ? null : IsoInstants.format(at.truncatedTo(ChronoUnit.MICROS));
    }

    static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    static <T> T required(Readable row, String column, Class<T> type) {
        return Objects.requireNonNull(row.get(column, type), column);
    }
}
