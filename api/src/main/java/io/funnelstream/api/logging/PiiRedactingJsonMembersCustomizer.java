package io.funnelstream.api.logging;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.MemberPath;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks personal data in every string of a structured (JSON) log line: the message, key-value pairs, MDC entries and
 * stack traces. Named by {@code logging.structured.json.customizer}, which {@link LogFormatEnvironmentPostProcessor}
 * sets while {@code funnelstream.logging.redact-pii} is on.
 */
public final class PiiRedactingJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        JsonWriter.ValueProcessor<String> redacting = PiiRedactingJsonMembersCustomizer::redact;
        members.applyingValueProcessor(redacting.whenInstanceOf(String.class));
    }

    private static String redact(MemberPath path, String value) {
        @Nullable String name = path.name();
        return name == null ? PiiRedactor.redact(value) : PiiRedactor.redact(name, value);
    }
}
