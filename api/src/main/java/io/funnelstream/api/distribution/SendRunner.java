package io.funnelstream.api.distribution;

import io.funnelstream.engine.send.OutboxSender;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;

/**
 * Runs this instance's sending worker from the moment the application is ready until shutdown. Stopping it
 * abandons the sends in flight; their leases expire and another worker (or the next start) takes them again.
 */
public final class SendRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SendRunner.class);

    private final OutboxSender sender;
    private final boolean enabled;
    private volatile @Nullable Disposable running;

    SendRunner(OutboxSender sender, boolean enabled) {
        this.sender = sender;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (!enabled || running != null) {
            return;
        }
        running = sender.run().subscribe(null, e -> log.error("sending worker {} stopped", sender.worker(), e));
        log.info("sending worker {} started", sender.worker());
    }

    @Override
    public synchronized void destroy() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
            running = null;
            log.info("sending worker {} stopped", sender.worker());
        }
    }
}
