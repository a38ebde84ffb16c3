package io.funnelstream.engine.port;

import java.util.Objects;

/** A record read back from the log, with its position. */
public record LogEntry(LogPosition position, LogRecord record) {

    public LogEntry {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(record, "record");
    }
}
