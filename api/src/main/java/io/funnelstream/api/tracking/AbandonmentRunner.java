package io.funnelstream.api.tracking;

import io.funnelstream.engine.tracking.AbandonmentDetector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;

/** Starts abandonment detection once the application is ready, where the pipeline runs, and stops it on shutdown. */
final class AbandonmentRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AbandonmentRunner.class);

    private final @Nullable AbandonmentDetector detector;
    private final boolean enabled;
    private volatile @Nullable Disposable running;

    AbandonmentRunner(@Nullable AbandonmentDetector detector, boolean enabled) {
        this.detector = detector;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (detector == null || !enabled || running != null) {
            return;
        }
        running = detector.start();
        log.info("abandonment detection started");
    }

    @Override
    public synchronized void destroy() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
            running = null;
        }
    }
}
