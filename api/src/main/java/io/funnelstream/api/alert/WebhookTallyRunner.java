package io.funnelstream.api.alert;

import io.funnelstream.engine.alert.WebhookTallyFlusher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;

/** Flushes the webhook tally once the application is ready, until shutdown (which flushes one last time). */
public final class WebhookTallyRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookTallyRunner.class);

    private final WebhookTallyFlusher flusher;
    private volatile @Nullable Disposable running;

    public WebhookTallyRunner(WebhookTallyFlusher flusher) {
        this.flusher = flusher;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (running == null) {
            running = flusher.run().subscribe(null, e -> log.error("webhook tally flushing stopped", e));
        }
    }

    @Override
    public synchronized void destroy() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
            running = null;
            flusher.flush().subscribe(null, e -> log.warn("last webhook tally flush failed: {}", e.toString()));
        }
    }
}
