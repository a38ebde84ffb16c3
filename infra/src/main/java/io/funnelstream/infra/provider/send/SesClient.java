package io.funnelstream.infra.provider.send;

import static io.funnelstream.infra.provider.send.Failures.secrets;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.send.OutboundMessage;
import io.funnelstream.engine.send.ProviderClient;
import io.funnelstream.engine.send.SendOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClientBuilder;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

/**
 * Amazon SES v2 {@code SendEmail} through the AWS SDK's async client on its Netty HTTP client (the SDK's own
 * retries off: ours apply). Our message id travels as the message tag {@code fs_message_id}, which SES event
 * notifications carry in {@code mail.tags}; the provider id is the answer's {@code MessageId}, as
 * {@code mail.messageId}. One SDK client per region, sharing one HTTP client; the tenant's keys sign each request.
 *
 * <p>Credentials: {@code accessKeyId} and {@code secretAccessKey} (an IAM user allowed {@code ses:SendEmail}),
 * {@code region} (e.g. {@code eu-west-1}), {@code from} (a verified identity) and, optionally,
 * {@code configurationSet} (the configuration set whose event destination feeds our webhook).
 */
public final class SesClient implements ProviderClient, AutoCloseable {

    public static final String ACCESS_KEY_ID = "accessKeyId";
    public static final String SECRET_ACCESS_KEY = "secretAccessKey";
    public static final String REGION = "region";
    public static final String FROM = "from";
    public static final String CONFIGURATION_SET = "configurationSet";
    static final String MESSAGE_ID_TAG = "fs_message_id";
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    private final SdkAsyncHttpClient http;
    private final boolean ownsHttp;
    private final @Nullable URI endpoint;
    private final Duration timeout;
    private final ResilientCalls calls;
    private final ConcurrentMap<String, SesV2AsyncClient> byRegion = new ConcurrentHashMap<>();

    /**
     * @param endpoint where to send instead of the region's SES endpoint (tests, VPC endpoints), if anywhere
     * @param maxConnections connections of the shared HTTP client
     * @param timeout the SDK's own call timeout (the time limiter usually ends an attempt first)
     */
    public SesClient(@Nullable URI endpoint, int maxConnections, Duration timeout, ResilientCalls calls) {
        this(NettyNioAsyncHttpClient.builder()
                .maxConcurrency(maxConnections)
                .connectionTimeout(timeout)
                .readTimeout(timeout)
                .build(), true, endpoint, timeout, calls);
    }

    /** Over an HTTP client that others share and close. */
    public SesClient(SdkAsyncHttpClient http, @Nullable URI endpoint, Duration timeout, ResilientCalls calls) {
        this(http, false, endpoint, timeout, calls);
    }

    private SesClient(SdkAsyncHttpClient http, boolean ownsHttp, @Nullable URI endpoint, Duration timeout,
            ResilientCalls calls) {
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.calls = calls;
    }

    @Override
    public Provider provider() {
        return Provider.SES;
    }

    @Override
    public Mono<SendOutcome> send(OutboundMessage message, Map<String, String> credentials) {
        var missing = Failures.missing(credentials, ACCESS_KEY_ID, SECRET_ACCESS_KEY, REGION, FROM);
        if (missing.isPresent()) {
            return Mono.just(missing.get());
        }
        String region = credentials.get(REGION).strip();
        if (!REGION_NAME.matcher(region).matches()) {
            return Mono.just(new SendOutcome.Failed(Failures.CREDENTIALS, "region is not an AWS region name: "
                    + region, false, null));
        }
        SesV2AsyncClient client = byRegion.computeIfAbsent(region, this::client);
        SendEmailRequest request = request(message, credentials);
        return calls.call(secrets(credentials, ACCESS_KEY_ID, SECRET_ACCESS_KEY), () -> Mono
                .fromFuture(() -> client.sendEmail(request))
                .map(SesClient::read)
                .onErrorResume(SesClient::failure)
                .flatMap(HttpCalls::signal));
    }

    static SendEmailRequest request(OutboundMessage message, Map<String, String> credentials) {
        Body.Builder body = Body.builder().text(Content.builder().data(message.text()).charset("UTF-8").build());
        if (message.html() != null) {
            body.html(Content.builder().data(message.html()).charset("UTF-8").build());
        }
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(credentials.get(FROM))
                .destination(d -> d.toAddresses(message.to()))
                .content(c -> c.simple(m -> m
                        .subject(Content.builder().data(message.subject() == null ? "" : message.subject())
                                .charset("UTF-8").build())
                        .body(body.build())))
                .emailTags(MessageTag.builder().name(MESSAGE_ID_TAG).value(message.messageId().toString()).build())
                .overrideConfiguration(o -> o.credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.get(ACCESS_KEY_ID),
                                credentials.get(SECRET_ACCESS_KEY)))));
        String configurationSet = credentials.get(CONFIGURATION_SET);
        if (configurationSet != null && !configurationSet.isBlank()) {
            request.configurationSetName(configurationSet);
        }
        return request.build();
    }

    static SendOutcome read(SendEmailResponse response) {
        String id = response.messageId();
        return id == null || id.isBlank()
                ? Failures.malformed("its answer has no MessageId")
                : new SendOutcome.Accepted(id);
    }

    /** SES's refusals by their error code and status; the SDK failing to reach or read SES by its cause. */
    static Mono<SendOutcome> failure(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof AwsServiceException aws) {
            int status = aws.statusCode();
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            String reason = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
            boolean retryable = status == 429 || status >= 500 || "TooManyRequestsException".equals(code)
                    || aws.isThrottlingException();
            Duration retryAfter = retryable && aws.awsErrorDetails() != null
                    ? aws.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                            .map(HttpAnswer::parseRetryAfter).orElse(null)
                    : null;
            return Mono.just(new SendOutcome.Failed(code == null ? Integer.toString(status) : code,
                    reason == null || reason.isBlank() ? "HTTP " + status : reason, retryable, retryAfter));
        }
        if (e instanceof SdkClientException client && isUnreadable(client)) {
            return Mono.just(Failures.malformed("its answer cannot be read"));
        }
        if (e instanceof SdkClientException client) {
            return Mono.error(new RetryableFailure(Failures.connection(client)));
        }
        return Mono.error(e);
    }

    private static boolean isUnreadable(SdkClientException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("json") || name.contains("Json") || name.contains("Unmarshall")
                    || String.valueOf(t.getMessage()).contains("unmarshall")) {
                return true;
            }
        }
        return false;
    }

    private SesV2AsyncClient client(String region) {
        SesV2AsyncClientBuilder builder = SesV2AsyncClient.builder()
                .region(Region.of(region))
                .httpClient(http)
                // Never the machine's own AWS identity: each request carries the tenant's keys.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("none", "none")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public void close() {
        byRegion.values().forEach(SesV2AsyncClient::close);
        byRegion.clear();
        if (ownsHttp) {
            http.close();
        }
    }
}
