package io.funnelstream.engine.distribution;

import io.funnelstream.engine.model.Channel;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A checked recipient with the channel and address it will be sent on.
 *
 * @param id the recipient's id
 * @param messageId the id of the message it will get
 * @param channel the channel chosen
 * @param address its address on that channel
 * @param fields custom fields as text
 */
public record Recipient(
        UUID id,
        UUID messageId,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String whatsapp,
        @Nullable String locale,
        Channel channel,
        String address,
        Map<String, String> fields) {

    public Recipient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        fields = Map.copyOf(fields);
    }
}
