package io.funnelstream.infra.postgres;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Statements of the sending tables whose arguments may be null (bound as null text, typed by casts in SQL). */
final class SendOutboxSql {

    private SendOutboxSql() {}

    static Statement bind(Statement statement, Object... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                statement.bindNull(i, String.class);
            } else {
                statement.bind(i, args[i]);
            }
        }
        return statement;
    }

    static <T> Flux<T> query(Connection c, String sql, Function<Readable, T> row, Object... args) {
        return Flux.from(bind(c.createStatement(sql), args).execute()).concatMap(r -> r.map(row::apply));
    }

    static Mono<Long> update(Connection c, String sql, Object... args) {
        return Flux.from(bind(c.createStatement(sql), args).execute())
                .concatMap(Result::getRowsUpdated)
                .reduce(0L, Long::sum);
    }
}
