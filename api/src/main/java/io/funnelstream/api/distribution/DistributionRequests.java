package io.funnelstream.api.distribution;

import io.funnelstream.api.error.Problems;
import io.funnelstream.engine.distribution.DistributionSpec;
import io.funnelstream.engine.distribution.FieldError;
import io.funnelstream.engine.distribution.Recipient;
import io.funnelstream.engine.distribution.RecipientInput;
import io.funnelstream.engine.distribution.RecipientRules;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.send.MessageTemplate;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.ErrorResponseException;

/** The request bodies of the distributions API and their checks; what cannot be used is a 400 listing every field. */
final class DistributionRequests {

    static final int MAX_LISTED = 100;

    private DistributionRequests() {}

    /** A survey to create. */
    record SurveyBody(@Nullable String title, @Nullable String link) {}

    /** The message template. */
    record TemplateBody(@Nullable String subject, @Nullable String text, @Nullable String html) {}

    /** A distribution to create, with its first recipients inline (more through the recipients endpoint). */
    record CreateBody(@Nullable String surveyId, @Nullable String name, @Nullable List<String> channels,
            @Nullable TemplateBody template, @Nullable String scheduleAt, @Nullable List<RecipientInput> recipients) {}

    /** The provider for a channel. */
    record ProviderBody(@Nullable String provider) {}

    static DistributionSpec spec(CreateBody body, List<FieldError> errors) {
        UUID survey = uuid(body.surveyId(), "surveyId", errors);
        String name = body.name() == null || body.name().isBlank() ? "Distribution" : body.name().strip();
        if (name.length() > 200) {
            errors.add(new FieldError("name", "longer than 200 characters"));
        }
        List<Channel> channels = channels(body.channels(), errors);
        MessageTemplate template = template(body.template(), channels, errors);
        Instant at = null;
        if (body.scheduleAt() != null) {
            try {
                at = Instant.parse(body.scheduleAt());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("scheduleAt", "not an ISO-8601 instant (2026-11-02T10:15:30Z)"));
            }
        }
        return new DistributionSpec(survey == null ? new UUID(0, 0) : survey, name, channels, template, at);
    }

    static @Nullable UUID uuid(@Nullable String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "not a UUID"));
            return null;
        }
    }

    private static List<Channel> channels(@Nullable List<String> given, List<FieldError> errors) {
        if (given == null || given.isEmpty()) {
            errors.add(new FieldError("channels", "required: one or more of email, sms, whatsapp in fallback order"));
            return List.of();
        }
        Set<Channel> channels = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<Channel> c = given.get(i) == null ? Optional.empty() : Channel.fromSlug(given.get(i));
            if (c.isEmpty()) {
                errors.add(new FieldError("channels[" + i + "]", "not a channel (email, sms or whatsapp)"));
            } else if (!channels.add(c.get())) {
                errors.add(new FieldError("channels[" + i + "]", "given twice"));
            }
        }
        return List.copyOf(channels);
    }

    private static MessageTemplate template(@Nullable TemplateBody body, List<Channel> channels,
            List<FieldError> errors) {
        if (body == null || body.text() == null || body.text().isBlank()) {
            errors.add(new FieldError("template.text", "required: the plain-text body (the SMS and WhatsApp text)"));
            return new MessageTemplate(null, "", null);
        }
        if (channels.contains(Channel.EMAIL) && (body.subject() == null || body.subject().isBlank())) {
            errors.add(new FieldError("template.subject", "required when email is one of the channels"));
        }
        MessageTemplate template = new MessageTemplate(body.subject(), body.text(), body.html());
        if (!template.placeholders().contains("survey_link")) {
            errors.add(new FieldError("template.text", "must contain {{survey_link}} somewhere in the template"));
        }
        return template;
    }

    /** Checks recipients in order; adds the errors of the invalid ones (at most {@value #MAX_LISTED} listed). */
    static List<Recipient> recipients(List<RecipientInput> inputs, List<Channel> channels, List<FieldError> errors) {
        List<Recipient> valid = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            check(i, inputs.get(i), channels, valid, errors);
        }
        return valid;
    }

    static void check(long index, @Nullable RecipientInput input, List<Channel> channels, List<Recipient> valid,
            List<FieldError> errors) {
        String path = "recipients[" + index + "]";
        if (input == null) {
            add(errors, new FieldError(path, "must be an object"));
            return;
        }
        switch (RecipientRules.check(path, input, channels)) {
            case RecipientRules.Checked.Valid v -> valid.add(v.recipient());
            case RecipientRules.Checked.Invalid inv -> inv.errors().forEach(e -> add(errors, e));
        }
    }

    private static void add(List<FieldError> errors, FieldError error) {
        if (errors.size() < MAX_LISTED) {
            errors.add(error);
        }
    }

    static void checkSurvey(SurveyBody body, List<FieldError> errors) {
        if (body.title() == null || body.title().isBlank()) {
            errors.add(new FieldError("title", "required"));
        }
        if (body.link() == null || body.link().isBlank()) {
            errors.add(new FieldError("link", "required"));
            return;
        }
        try {
            URI uri = new URI(body.link());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                errors.add(new FieldError("link", "not an http(s) URL"));
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(new FieldError("link", "not an http(s) URL"));
        }
    }

    /** 400 {@code slug} listing every field error as {@code errors: [{field, message}]}. */
    static ErrorResponseException invalid(String slug, String what, List<FieldError> errors) {
        List<String> fields = errors.stream().map(FieldError::field).distinct().limit(10).toList();
        ErrorResponseException e = Problems.badRequest(slug, what + " cannot be used: " + errors.size()
                + (errors.size() == 1 ? " field is" : " fields are") + " invalid (" + String.join(", ", fields)
                + (errors.size() > fields.size() ? ", ..." : "") + ").");
        e.getBody().setProperty("errors", errors.stream()
                .map(f -> Map.of("field", f.field(), "message", f.message()))
                .toList());
        return e;
    }
}
