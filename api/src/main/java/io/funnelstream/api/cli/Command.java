package io.funnelstream.api.cli;

import io.funnelstream.engine.model.TenantId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What the command line asks for. Options ({@code --key=value}) go to Spring in every mode. */
public sealed interface Command {

    /** Exit status of a successful command. */
    int OK = 0;
    /** Exit status of a command that ran and failed. */
    int FAILED = 1;
    /** Exit status of a command line that could not be understood. */
    int USAGE = 2;

    /** The property {@code run --demo} sets. */
    String DEMO_PROPERTY = "funnelstream.demo.enabled";

    String USAGE_TEXT = """
            usage: java -jar funnelstream.jar [run] [--demo] [--key=value ...]   start the service (default);
                       --demo also starts a simulator: a demo tenant whose webhooks keep the dashboard moving
                   java -jar funnelstream.jar migrate up|down|status [--key=value ...]
                       up      apply every pending migration
                       down    undo the most recent migration
                       status  list the migrations not applied yet
                   java -jar funnelstream.jar tenant create <slug> [name ...]
                       create a tenant and print its first admin API key (shown once)
                   java -jar funnelstream.jar rebuild-rollups <tenant-id>|--all [--key=value ...]
                       recount a tenant's rollups (or every tenant's) from Postgres into Redis, safely
                       while the service runs
            Without SPRING_PROFILES_ACTIVE=production the embedded PostgreSQL is used (started if needed).""";

    /** Start the web service. */
    record Serve(List<String> options) implements Command {}

    /** Run one migration operation and exit, without a web server. */
    record Migrate(Operation operation, List<String> options) implements Command {}

    /** Create a tenant with a first admin API key, print the key once, and exit. */
    record CreateTenant(String slug, String name, List<String> options) implements Command {}
    /**
     * Rebuild rollups from Postgres and exit.
     *
     * @param tenant the tenant to rebuild, or null for every tenant that has messages ({@code --all})
     */
    record RebuildRollups(@Nullable TenantId tenant, List<String> options) implements Command {}

    /** The command line was not understood; {@code reason} says why. */
    record Usage(String reason) implements Command {}

    /** A migration operation. */
    enum Operation {
        UP,
        DOWN,
        STATUS
    }

    /** Reads a command line: the first word that is not an option picks the mode. */
    static Command parse(String... args) {
        List<String> words = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        List<String> options = Arrays.stream(args).filter(arg -> arg.startsWith("--")).toList();
        if (words.isEmpty() || words.getFirst().equals("run")) {
            return words.size() <= 1 ? new Serve(serveOptions(options)) : new Usage("unexpected argument: "
                    + words.get(1));
        }
        if (words.getFirst().equals("tenant")) {
            return tenant(words, options);
        }
        if (words.getFirst().equals("rebuild-rollups")) {
            return rebuildRollups(words, options);
        }
        if (!words.getFirst().equals("migrate")) {
            return new Usage("unknown mode: " + words.getFirst());
        }
        if (words.size() != 2) {
            return new Usage("migrate needs exactly one of up, down, status");
        }
        return switch (words.get(1).toLowerCase(Locale.ROOT)) {
            case "up" -> new Migrate(Operation.UP, options);
            case "down" -> new Migrate(Operation.DOWN, options);
            case "status" -> new Migrate(Operation.STATUS, options);
            default -> new Usage("unknown migrate operation: " + words.get(1));
        };
    }

    /** {@code --demo} is no Spring option: it switches the demo simulator on. */
    private static List<String> serveOptions(List<String> options) {
        return options.stream().map(o -> o.equals("--demo") ? "--" + DEMO_PROPERTY + "=true" : o).toList();
    }

    private static Command tenant(List<String> words, List<String> options) {
        if (words.size() < 3 || !words.get(1).equals("create")) {
            return new Usage("tenant needs: create <slug> [name ...]");
        }
        String slug = words.get(2);
        String name = words.size() > 3 ? String.join(" ", words.subList(3, words.size())) : slug;
        return new CreateTenant(slug, name, options);
    }

    /** {@code rebuild-rollups <tenant-id>} or {@code rebuild-rollups --all}: {@code --all} is no Spring option. */
    private static Command rebuildRollups(List<String> words, List<String> options) {
        boolean all = options.contains("--all");
        List<String> rest = options.stream().filter(o -> !o.equals("--all")).toList();
        if (all && words.size() == 1) {
            return new RebuildRollups(null, rest);
        }
        if (all || words.size() != 2) {
            return new Usage("rebuild-rollups needs exactly one of a tenant id or --all");
        }
        try {
            return new RebuildRollups(TenantId.of(words.get(1)), rest);
        } catch (IllegalArgumentException e) {
            return new Usage("not a tenant id: " + words.get(1));
        }
    }
}
