package io.funnelstream.engine.distribution;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A recipient as given to a distribution, unchecked.
 *
 * @param email an email address
 * @param phone an SMS number, E.164
 * @param whatsapp a WhatsApp number, E.164
 * @param locale a BCP 47 language tag (en, pt-BR)
 * @param channel the channel to reach this recipient on; null to take the distribution's first channel the
 *     recipient has an address for
 * @param fields custom fields for the template (first_name, ...): strings, numbers or booleans
 */
public record RecipientInput(
        @Nullable String email,
        @Nullable String phone,
        @Nullable String whatsapp,
        @Nullable String locale,
        @Nullable String channel,
        @Nullable Map<String, @Nullable Object> fields) {}
