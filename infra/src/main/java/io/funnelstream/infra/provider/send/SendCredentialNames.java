package io.funnelstream.infra.provider.send;

import io.funnelstream.engine.model.Provider;
import java.util.List;

/**
 * The names of the secrets each provider's sending client reads from the tenant's {@code ProviderSecrets}, for
 * whatever validates what a tenant stores (which of them a channel needs is in each client's javadoc).
 */
public final class SendCredentialNames {

    private SendCredentialNames() {}

    public static List<String> of(Provider provider) {
        return switch (provider) {
            case SENDGRID -> List.of(SendGridClient.API_KEY, SendGridClient.FROM, SendGridClient.FROM_NAME);
            case MAILGUN -> List.of(MailgunClient.API_KEY, MailgunClient.DOMAIN, MailgunClient.FROM);
            case SES -> List.of(SesClient.ACCESS_KEY_ID, SesClient.SECRET_ACCESS_KEY, SesClient.REGION, SesClient.FROM,
                    SesClient.CONFIGURATION_SET);
            case SMTP -> List.of(SmtpClient.FROM, SmtpClient.USERNAME, SmtpClient.PASSWORD);
            case TWILIO -> List.of(TwilioClient.ACCOUNT_SID, TwilioClient.AUTH_TOKEN, TwilioClient.FROM,
                    TwilioClient.WHATSAPP_FROM, TwilioClient.MESSAGING_SERVICE_SID);
            case UNIFONIC -> List.of(UnifonicClient.APP_SID, UnifonicClient.SENDER_ID, UnifonicClient.PUBLIC_ID,
                    UnifonicClient.SECRET);
            case META -> List.of(MetaWhatsAppClient.ACCESS_TOKEN, MetaWhatsAppClient.PHONE_NUMBER_ID);
        };
    }
}
