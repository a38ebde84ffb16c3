package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The array literals {@link Sql#bind} sends for {@code String[]} arguments, read back by Postgres element by element. */
class SqlArrayLiteralIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static ConnectionPool pool;

    @BeforeAll
    static void connect() throws Exception {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 1);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldReachPostgresElementForElementWhateverTheElementsHold() {
        String[] values = {
            "plain", "", " spaced out ", "quote \" inside", "back\\slash", "\\\"", "{braces}", "a,b", "NULL", null,
            "ünïcødé ✓", "line\nbreak", "tab\there", "'single'", "https://x.example/p?q=1&r=\"2\"", null,
            "{\"t:1:all:minute:1764150000\":{\"reached.delivered\":3,\"x\\\\y\":-1}}", "\"\"\"\\\\\\\\"
        };

        List<Optional<String>> read = Flux.usingWhen(pool.create(),
                        c -> Sql.query(c, "select v from unnest($1::text[]) with ordinality as u(v, n) order by n",
                                row -> Optional.ofNullable(row.get("v", String.class)), (Object) values),
                        c -> Mono.from(c.close()))
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(read).containsExactlyElementsOf(Arrays.stream(values).map(Optional::ofNullable).toList());
    }

    @Test
    void shouldSendAnEmptyArrayAsNoElements() {
        Long count = Mono.usingWhen(pool.create(),
                        c -> Sql.query(c, "select cardinality($1::text[])::bigint as n",
                                row -> row.get("n", Long.class), (Object) new String[0]).single(),
                        c -> Mono.from(c.close()))
                .block(Duration.ofSeconds(10));

        assertThat(count).isZero();
    }

    @Test
    void shouldQuoteEveryElementAndEscapeOnlyQuotesAndBackslashes() {
        assertThat(Sql.arrayLiteral(new String[] {"a", null, "b\"c\\d", ""}))
                .isEqualTo("{\"a\",NULL,\"b\\\"c\\\\d\",\"\"}");
    }
}
