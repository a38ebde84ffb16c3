package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PostgresSettingsTests {

    @Test
    void shouldKeepThePasswordOutOfItsText() {
        PostgresSettings settings =
                PostgresSettings.of("db.internal", 5432, "funnelstream", "funnelstream_app", "s3cret");

        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=***");
        assertThat(settings.withPool(1, 2).password()).isEqualTo("s3cret");
    }

    @Test
    void shouldNameTheSameDatabaseForJdbc() {
        assertThat(PostgresSettings.of("127.0.0.1", 5433, "fs", "u", null).jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5433/fs");
        assertThat(PostgresSettings.of("::1", 5432, "fs", "u", null).jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/fs");
    }

    @Test
    void shouldRefuseImpossiblePoolSizesAndPorts() {
        PostgresSettings settings = PostgresSettings.of("h", 5432, "d", "u", null);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.withPool(5, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> settings.withPool(0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresSettings.of("h", 0, "d", "u", null));
    }

    @Test
    void shouldKeepUrlParametersOutOfMigrationErrors() {
        assertThat(Migrations.withoutParameters("jdbc:postgresql://h/d?password=s3cret"))
                .isEqualTo("jdbc:postgresql://h/d");
    }
}
