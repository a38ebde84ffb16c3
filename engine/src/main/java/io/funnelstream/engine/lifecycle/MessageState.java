package io.funnelstream.engine.lifecycle;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one message after the events seen so far. Built by {@link MessageLifecycle}; nothing
 * that can be derived is stored: the {@link #status()} is the reached stage of highest rank.
 *
 * <p>Invariants (checked on construction): at least one status stage is reached; the reached stages are
 * closed under {@link Stage#implies()}, and a stage was first reached no later than any stage implying it;
 * the failure detail, if any, names a reached stage.
 *
 * @param messageId our id of the message
 * @param tenant the tenant the message belongs to
 * @param channel the channel it travels over
 * @param provider the provider carrying it
 * @param firstReached every stage reached, with the earliest time it is known to have been reached
 *     (an unmodifiable copy backed by an {@link EnumMap}, iterated in stage order)
 * @param opens opens by people: open events not flagged as machine opens
 * @param machineOpens open events flagged as automated (e.g. mail privacy proxies)
 * @param clicks click events
 * @param failure the most serious failure reported, or null if none
 */
public record MessageState(
        UUID messageId,
        TenantId tenant,
        Channel channel,
        Provider provider,
        Map<Stage, Instant> firstReached,
        int opens,
        int machineOpens,
        int clicks,
        @Nullable FailureDetail failure) {

    public MessageState {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(provider, "provider");
        if (!provider.carries(channel)) {
            throw new IllegalArgumentException(provider + " does not carry " + channel);
        }
        firstReached = copyOf(firstReached);
        if (opens < 0 || machineOpens < 0 || clicks < 0) {
            throw new IllegalArgumentException("negative count");
        }
        requireConsistent(firstReached, failure);
    }

    /** A message just queued at {@code queuedAt}: only {@link Stage#QUEUED} is reached. */
    public static MessageState initial(
            UUID messageId, TenantId tenant, Channel channel, Provider provider, Instant queuedAt) {
        return new MessageState(
                messageId, tenant, channel, provider, Map.of(Stage.QUEUED, queuedAt), 0, 0, 0, null);
    }

    /** The current status: the reached stage of highest {@link Stage#statusRank()}. */
    public Stage status() {
        return highestStatus(firstReached.keySet());
    }

    public boolean hasReached(Stage stage) {
        return firstReached.containsKey(stage);
    }

    /** When the stage was first reached, if it was. */
    public Optional<Instant> firstReachedAt(Stage stage) {
        return Optional.ofNullable(firstReached.get(stage));
    }

    /** Every open event, by people and by machines. */
    public int allOpens() {
        return opens + machineOpens;
    }

    private static Stage highestStatus(Iterable<Stage> stages) {
        Stage best = null;
        for (Stage s : stages) {
            if (s.isStatus() && (best == null || s.statusRank() > best.statusRank())) {
                best = s;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no status stage reached");
        }
        return best;
    }

    private static Map<Stage, Instant> copyOf(Map<Stage, Instant> source) {
        Objects.requireNonNull(source, "firstReached");
        EnumMap<Stage, Instant> copy = new EnumMap<>(Stage.class);
        source.forEach((stage, at) -> copy.put(Objects.requireNonNull(stage), Objects.requireNonNull(at)));
        return Collections.unmodifiableMap(copy);
    }

    private static void requireConsistent(Map<Stage, Instant> firstReached, @Nullable FailureDetail failure) {
        highestStatus(firstReached.keySet());
        firstReached.forEach((stage, at) -> {
            for (Stage implied : stage.implies()) {
                Instant impliedAt = firstReached.get(implied);
                if (impliedAt == null || impliedAt.isAfter(at)) {
                    throw new IllegalArgumentException(
                            implied + " must be reached no later than " + stage + " which implies it");
                }
            }
        });
        if (failure != null && !firstReached.containsKey(failure.stage())) {
            throw new IllegalArgumentException("failure stage " + failure.stage() + " not reached");
        }
    }
}
