package io.funnelstream.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTests {

    @Test
    void shouldServeWithoutArgumentsOrWithRun() {
        assertThat(Command.parse()).isEqualTo(new Command.Serve(List.of()));
        assertThat(Command.parse("run", "--server.port=0")).isEqualTo(new Command.Serve(List.of("--server.port=0")));
        assertThat(Command.parse("--server.port=0")).isEqualTo(new Command.Serve(List.of("--server.port=0")));
    }

    @Test
    void shouldTurnTheDemoFlagIntoTheDemoProperty() {
        assertThat(Command.parse("run", "--demo", "--server.port=0")).isEqualTo(new Command.Serve(
                List.of("--funnelstream.demo.enabled=true", "--server.port=0")));
    }

    @Test
    void shouldReadMigrateOperationsAndKeepOptions() {
        assertThat(Command.parse("migrate", "up"))
                .isEqualTo(new Command.Migrate(Command.Operation.UP, List.of()));
        assertThat(Command.parse("migrate", "--spring.profiles.active=production", "down"))
                .isEqualTo(new Command.Migrate(Command.Operation.DOWN, List.of("--spring.profiles.active=production")));
        assertThat(Command.parse("migrate", "STATUS"))
                .isEqualTo(new Command.Migrate(Command.Operation.STATUS, List.of()));
    }

    @Test
    void shouldReadRebuildRollupsOfOneTenantOrOfAll() {
        String tenant = "7f1d3c52-9a0e-4b6f-8d2a-1c5e9f3b7a60";
        assertThat(Command.parse("rebuild-rollups", tenant))
                .isEqualTo(new Command.RebuildRollups(TenantId.of(tenant), List.of()));
        assertThat(Command.parse("rebuild-rollups", "--all", "--spring.profiles.active=production"))
                .isEqualTo(new Command.RebuildRollups(null, List.of("--spring.profiles.active=production")));
        assertThat(Command.parse("rebuild-rollups")).isInstanceOf(Command.Usage.class);
        assertThat(Command.parse("rebuild-rollups", tenant, "--all")).isInstanceOf(Command.Usage.class);
        assertThat(Command.parse("rebuild-rollups", "acme")).isEqualTo(new Command.Usage("not a tenant id: acme"));
    }

    @Test
    void shouldSayThereIsNothingToRebuildOutsideProduction() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int status = new CommandLine(print(out), print(err)).execute(Command.parse("rebuild-rollups", "--all"));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rebuilds them from Postgres at every start");
    }

    @Test
    void shouldExplainWhatIsWrongWithTheCommandLine() {
        assertThat(Command.parse("frobnicate")).isEqualTo(new Command.Usage("unknown mode: frobnicate"));
        assertThat(Command.parse("migrate")).isInstanceOf(Command.Usage.class);
        assertThat(Command.parse("migrate", "sideways"))
                .isEqualTo(new Command.Usage("unknown migrate operation: sideways"));
        assertThat(Command.parse("migrate", "up", "now")).isInstanceOf(Command.Usage.class);
        assertThat(Command.parse("run", "fast")).isInstanceOf(Command.Usage.class);
    }

    @Test
    void shouldPrintUsageAndExitWithTwoForUnknownMode() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int status = new CommandLine(print(out), print(err)).execute(Command.parse("frobnicate"));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown mode: frobnicate")
                .contains("migrate up|down|status");
        assertThat(out.size()).isZero();
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
