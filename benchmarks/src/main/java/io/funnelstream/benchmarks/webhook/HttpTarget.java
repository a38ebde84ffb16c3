package io.funnelstream.benchmarks.webhook;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Posts pre-built requests to one loopback URL over a bounded pool of keep-alive HTTP/1.1 connections. A request
 * that finds every connection busy waits in the pool's queue, itself bounded; each answer's body is drained, and
 * kept only when the status is not 2xx.
 */
final class HttpTarget implements AutoCloseable {

    /** Status and, for a non-2xx answer, its body. */
    record Answer(int status, String body) {}

    private final ConnectionProvider connections;
    private final HttpClient client;
    private final String pathAndQuery;
    private final Duration timeout;

    /**
     * @param url where to post
     * @param maxConnections connections open at most
     * @param maxPending requests allowed to wait for a connection; beyond it a request fails at once
     * @param timeout how long one request may take, waiting for a connection included
     */
    HttpTarget(TargetUrl url, int maxConnections, int maxPending, Duration timeout) {
        this.connections = ConnectionProvider.builder("webhook-load")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(maxPending)
                .pendingAcquireTimeout(timeout)
                .build();
        this.client = HttpClient.create(connections)
                .host(url.host())
                .port(url.port())
                .keepAlive(true)
                .compress(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(timeout);
        this.pathAndQuery = url.pathAndQuery();
        this.timeout = timeout;
    }

    /** Sends the body byte for byte with its headers and an explicit Content-Length. */
    Mono<Answer> post(SignedRequest request) {
        byte[] body = request.body();
        return client.post()
                .uri(pathAndQuery)
                .send((outgoing, outbound) -> {
                    request.headers().forEach(outgoing::header);
                    outgoing.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
                    return outbound.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
                })
                .response((answer, content) -> {
                    int status = answer.status().code();
                    return status >= 200 && status < 300
                            ? content.then(Mono.just(new Answer(status, "")))
                            : content.aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                    .map(text -> new Answer(status, text));
                })
                .single()
                .timeout(timeout.plusSeconds(1));
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
