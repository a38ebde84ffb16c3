package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What Postgres reads from each kind of {@link PgArray}, element by element, through a pool the service would use. */
class PgArrayIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static ConnectionPool pool;

    @BeforeAll
    static void migrate() {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 2);
    }

    @AfterAll
    static void close() {
        pool.dispose();
    }

    @Test
    void shouldSendUuidsWithNullsInOrder() {
        UUID a = UUID.randomUUID();
        UUID b = new UUID(-1L, Long.MIN_VALUE);
        List<Optional<String>> read = elements("select x::text from unnest($1::uuid[]) with ordinality as u(x, n)"
                + " order by n", PgArray.uuids(new UUID[] {a, null, b}));

        assertThat(read).containsExactly(Optional.of(a.toString()), Optional.empty(), Optional.of(b.toString()));
    }

    @Test
    void shouldSendInstantsTruncatedToMicrosecondsOnEitherSideOfBothEpochs() {
        Instant[] instants = {
            Instant.parse("2026-11-26T13:45:12.123456789Z"),
            Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("1999-12-31T23:59:59.999999999Z"),
            Instant.parse("1969-07-20T20:17:40.000000500Z"),
            null,
        };
        List<Optional<String>> read = elements("select to_char(x at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
                + " from unnest($1::timestamptz[]) with ordinality as u(x, n) order by n", PgArray.instants(instants));

        assertThat(read).containsExactly(Optional.of("2026-11-26 13:45:12.123456"),
                Optional.of("2000-01-01 00:00:00.000000"), Optional.of("1999-12-31 23:59:59.999999"),
                Optional.of("1969-07-20 20:17:40.000000"), Optional.empty());
    }

    @Test
    void shouldSendTextAsIsWhateverItHolds() {
        String[] texts = {"plain", "", "quote \" and backslash \\ and {braces}, commas", "NULL", "ünïcødé ✓ 𝄞", null};
        List<Optional<String>> read = elements("select x from unnest($1::text[]) with ordinality as u(x, n) order by n",
                PgArray.texts(texts));

        assertThat(read).containsExactlyElementsOf(Arrays.stream(texts).map(Optional::ofNullable).toList());
    }

    @Test
    void shouldSendBooleansAndIntegers() {
        List<Optional<String>> read = elements("select b::text || '/' || coalesce(i::text, 'none')"
                        + " from unnest($1::bool[], $2::int4[]) with ordinality as u(b, i, n) order by n",
                PgArray.booleans(new Boolean[] {true, false, true}),
                PgArray.ints(new Integer[] {Integer.MIN_VALUE, null, 42}));

        assertThat(read).containsExactly(Optional.of("true/" + Integer.MIN_VALUE), Optional.of("false/none"),
                Optional.of("true/42"));
    }

    @Test
    void shouldSendByteStringsAsTheyAreEveryByteValueIncluded() {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        byte[][] values = {every, new byte[0], null, "{\"json\": \"ü\"}".getBytes(StandardCharsets.UTF_8)};
        List<Optional<String>> read = elements("select length(x) || ':' || encode(x, 'hex')"
                + " from unnest($1::bytea[]) with ordinality as u(x, n) order by n", PgArray.byteas(values));

        assertThat(read).containsExactly(Optional.of("256:" + HexFormat.of().formatHex(every)), Optional.of("0:"),
                Optional.empty(), Optional.of(values[3].length + ":" + HexFormat.of().formatHex(values[3])));
    }

    @Test
    void shouldSendAnEmptyArray() {
        List<Optional<String>> read = elements("select cardinality($1::uuid[])::text || '/'"
                + " || coalesce(array_ndims($1::uuid[])::text, 'no dimensions')", PgArray.uuids(new UUID[0]));

        assertThat(read).containsExactly(Optional.of("0/no dimensions"));
    }

    /** The first column of each row, as text, null as empty. */
    private static List<Optional<String>> elements(String sql, PgArray... args) {
        return Mono.usingWhen(pool.create(), (Connection c) -> {
            var statement = c.createStatement(sql);
            for (int i = 0; i < args.length; i++) {
                statement.bind(i, args[i]);
            }
            return Flux.from(statement.execute())
                    .concatMap(r -> r.map((row, meta) -> Optional.ofNullable(row.get(0, String.class))))
                    .collect(ArrayList<Optional<String>>::new, List::add);
        }, Connection::close).block(Duration.ofSeconds(30));
    }
}
