package io.funnelstream.api.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * One readable line per event ({@code FS_LOG_FORMAT=text}), laid out like Boot's console pattern, with personal data
 * masked in the message, the key-value pairs, the MDC and the stack trace.
 */
public final class RedactingTextLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneId.systemDefault());
    private static final long PID = ProcessHandle.current().pid();

    private final ThrowableProxyConverter throwableProxyConverter;
    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(39);

    public RedactingTextLogFormatter(ThrowableProxyConverter throwableProxyConverter) {
        this.throwableProxyConverter = throwableProxyConverter;
    }

    @Override
    public String format(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256)
                .append(TIMESTAMP.format(event.getInstant()))
                .append(' ')
                .append(String.format("%5s", event.getLevel()))
                .append(' ')
                .append(PID)
                .append(" --- [")
                .append(event.getThreadName())
                .append("] ")
                .append(abbreviator.abbreviate(event.getLoggerName()))
                .append(" : ")
                .append(PiiRedactor.redact(event.getFormattedMessage()));
        appendPairs(line, event.getKeyValuePairs(), event.getMDCPropertyMap());
        line.append(System.lineSeparator());
        if (event.getThrowableProxy() != null) {
            line.append(PiiRedactor.redact(throwableProxyConverter.convert(event)));
        }
        return line.toString();
    }

    private static void appendPairs(
            StringBuilder line, @Nullable List<KeyValuePair> pairs, @Nullable Map<String, String> mdc) {
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                appendPair(line, pair.key, String.valueOf(pair.value));
            }
        }
        if (mdc != null) {
            mdc.forEach((key, value) -> appendPair(line, key, value));
        }
    }

    private static void appendPair(StringBuilder line, String key, String value) {
        line.append(' ').append(key).append('=').append(PiiRedactor.redact(key, value));
    }
}
