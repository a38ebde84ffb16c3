package io.funnelstream.api;

import io.funnelstream.api.cli.Command;
import io.funnelstream.api.cli.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Funnelstream service. {@code java -jar funnelstream.jar} serves; {@code migrate up|down|status} runs only the
 * migrations and exits, without a web server.
 */
@SpringBootApplication
public class FunnelstreamApplication {

    public static void main(String[] args) {
        Command command = Command.parse(args);
        if (command instanceof Command.Serve serve) {
            SpringApplication.run(FunnelstreamApplication.class, serve.options().toArray(String[]::new));
            return;
        }
        System.exit(new CommandLine(System.out, System.err).execute(command));
    }
}
