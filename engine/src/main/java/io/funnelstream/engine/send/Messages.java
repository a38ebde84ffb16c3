package io.funnelstream.engine.send;

import io.funnelstream.engine.experiment.VariantSettings;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Renders a claimed send into the message a provider gets. */
final class Messages {

    private Messages() {}

    static OutboundMessage outbound(ClaimedSend send, Provider provider, TrackingLinks links, SendSettings settings,
            Clock clock) {
        TrackingToken token = new TrackingToken(send.tenant(), send.distributionId(), send.recipientId(),
                send.messageId(), clock.instant().plus(settings.linkTtl()));
        MessageTemplate rendered = send.template().render(values(send, links.link(send.surveyLink(), token)));
        boolean email = send.channel() == Channel.EMAIL;
        return new OutboundMessage(send.tenant(), send.messageId(), send.channel(), provider, send.address(),
                email ? rendered.subject() : null, rendered.text(), email ? rendered.html() : null,
                send.messageId().toString(), null,
                Map.of("fs_message_id", send.messageId().toString(),
                        "fs_distribution_id", send.distributionId().toString()));
    }

    /**
     * The distribution's template with a variant's {@code subject}, {@code template} (text body) and {@code html} in
     * place of its own; a variant that sets the text but no HTML sends its text alone, so no recipient of the
     * variant reads the distribution's HTML instead.
     */
    static MessageTemplate varied(MessageTemplate base, Map<String, String> settings) {
        String text = settings.get(VariantSettings.TEMPLATE);
        String html = settings.get(VariantSettings.HTML);
        return new MessageTemplate(
                settings.getOrDefault(VariantSettings.SUBJECT, base.subject()),
                text != null ? text : base.text(),
                html != null ? html : text != null ? null : base.html());
    }

    /** The placeholder values: the recipient's custom fields, then address, locale and the survey link. */
    static Map<String, String> values(ClaimedSend send, String surveyLink) {
        Map<String, String> values = new HashMap<>(send.fields());
        switch (send.channel()) {
            case EMAIL -> values.put("email", send.address());
            case SMS -> values.put("phone", send.address());
            case WHATSAPP -> values.put("whatsapp", send.address());
        }
        if (send.locale() != null) {
            values.put("locale", send.locale());
        }
        values.put("survey_link", surveyLink);
        return values;
    }
}
