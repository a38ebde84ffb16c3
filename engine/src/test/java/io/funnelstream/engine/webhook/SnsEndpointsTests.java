package io.funnelstream.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsEndpointsTests {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.ap-southeast-2.amazonaws.com/x.pem",
        "https://sns.us-gov-west-1.amazonaws.com/x.pem",
        "https://sns.cn-north-1.amazonaws.com.cn/x.pem",
        "https://SNS.EU-WEST-1.AMAZONAWS.COM:443/?Action=ConfirmSubscription&Token=t"
    })
    void shouldTrustHttpsUrlsOnSnsHosts(String url) {
        assertThat(SnsEndpoints.trusted(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://sns.us-east-1.amazonaws.com/x.pem",
        "https://sns.amazonaws.com/x.pem",
        "https://sns.us-east-1.amazonaws.com.attacker.example/x.pem",
        "https://attacker.example/?sns.us-east-1.amazonaws.com",
        "https://sqs.us-east-1.amazonaws.com/x.pem",
        "https://a@sns.us-east-1.amazonaws.com/x.pem",
        "https://sns.us-east-1.amazonaws.com:444/x.pem",
        "https://sns.us-east-1.amazonaws.com\\@evil/x.pem",
        "ftp://sns.us-east-1.amazonaws.com/x.pem",
        ""
    })
    void shouldDistrustEverythingElse(String url) {
        assertThat(SnsEndpoints.trusted(url)).isEmpty();
    }
}
