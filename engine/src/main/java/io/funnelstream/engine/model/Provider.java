package io.funnelstream.engine.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A delivery provider and the channels it carries. */
public enum Provider {
    SENDGRID(EnumSet.of(Channel.EMAIL)),
    MAILGUN(EnumSet.of(Channel.EMAIL)),
    SES(EnumSet.of(Channel.EMAIL)),
    SMTP(EnumSet.of(Channel.EMAIL)),
    TWILIO(EnumSet.of(Channel.SMS, Channel.WHATSAPP)),
    UNIFONIC(EnumSet.of(Channel.SMS, Channel.WHATSAPP)),
    META(EnumSet.of(Channel.WHATSAPP));

    private final Set<Channel> channels;

    Provider(Set<Channel> channels) {
        this.channels = channels;
    }

    public Set<Channel> channels() {
        return EnumSet.copyOf(channels);
    }

    public boolean carries(Channel channel) {
        return channels.contains(channel);
    }

    private final String slug = Slugs.of(this);

    /** The lower-case name used in URLs, SQL and Redis keys. */
    public String slug() {
        return slug;
    }

    public static Optional<Provider> fromSlug(String slug) {
        return SLUGS.findIgnoringCase(slug);
    }

    private static final Slugs<Provider> SLUGS = new Slugs<>(values());
}
