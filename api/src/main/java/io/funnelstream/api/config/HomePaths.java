package io.funnelstream.api.config;

import java.nio.file.Path;

/** Paths in configuration may start with {@code ~}, standing for the user's home, as in a shell. */
public final class HomePaths {

    private HomePaths() {}

    public static Path expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
