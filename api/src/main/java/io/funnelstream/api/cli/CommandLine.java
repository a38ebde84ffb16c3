package io.funnelstream.api.cli;

import java.io.PrintStream;

/** Runs the commands that end by themselves and returns their exit status; serving is the caller's job. */
public final class CommandLine {

    private final PrintStream out;
    private final PrintStream err;

    public CommandLine(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int execute(Command command) {
        return switch (command) {
            case Command.Migrate migrate -> new MigrateCommand(out, err).run(migrate);
            case Command.CreateTenant create -> new CreateTenantCommand(out, err).run(create);
            case Command.RebuildRollups rebuild -> new RebuildRollupsCommand(out, err).run(rebuild);
            case Command.Usage usage -> {
                err.println("funnelstream: " + usage.reason());
                err.println(Command.USAGE_TEXT);
                yield Command.USAGE;
            }
            case Command.Serve serve -> throw new IllegalArgumentException("serving does not end by itself");
        };
    }
}
