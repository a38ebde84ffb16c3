package io.funnelstream.engine.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

class RecipientRulesTests {

    static final List<Channel> FALLBACK = List.of(Channel.WHATSAPP, Channel.SMS, Channel.EMAIL);

    @Test
    void shouldTakeTheFirstChannelOfTheFallbackOrderTheRecipientHasAnAddressFor() {
        Recipient r = valid(new RecipientInput("a@example.com", "+4915112345678", null, "pt-br", null,
                Map.of("first_name", "Ana", "score", 9, "vip", true)));

        assertThat(r.channel()).isEqualTo(Channel.SMS);
        assertThat(r.address()).isEqualTo("+4915112345678");
        assertThat(r.locale()).isEqualTo("pt-BR");
        assertThat(r.fields()).containsEntry("score", "9").containsEntry("vip", "true");
        assertThat(valid(new RecipientInput("a@example.com", "+4915112345678", null, null, "email", null)).address())
                .isEqualTo("a@example.com");
    }

    @Test
    void shouldNameEveryBadField() {
        var checked = RecipientRules.check("recipients[7]", new RecipientInput("a@b", "+0123", "4915112345678",
                "xx-!!", "pigeon", Map.of("bad name", "x")), FALLBACK);

        assertThat(((RecipientRules.Checked.Invalid) checked).errors()).extracting(FieldError::field).containsExactly(
                "recipients[7].email", "recipients[7].phone", "recipients[7].whatsapp", "recipients[7].locale",
                "recipients[7].fields", "recipients[7].channel");
    }

    @Test
    void shouldAcceptExactlyTheE164Numbers() {
        QuickTheory.qt().forAll(SourceDSL.strings().numeric()).check(digits -> {
            var checked = RecipientRules.check("r", new RecipientInput(null, "+" + digits, null, null, null, null),
                    List.of(Channel.SMS));
            boolean e164 = digits.matches("[1-9][0-9]{1,14}");
            return checked instanceof RecipientRules.Checked.Valid == e164;
        });
    }

    private static Recipient valid(RecipientInput input) {
        return ((RecipientRules.Checked.Valid) RecipientRules.check("r", input, FALLBACK)).recipient();
    }
}
