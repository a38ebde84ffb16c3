package io.funnelstream.engine.pipeline;

/**
 * What one committed transaction did.
 *
 * @param records log records it covered
 * @param eventsApplied events applied to their message
 * @param duplicateEvents events already stored, skipped
 * @param pendingEvents events stored pending (no message known)
 * @param claimedEvents pending events applied because their message appeared
 * @param messagesCreated messages created
 * @param duplicateMessages message creations of messages that existed
 * @param deadLettered records kept aside unapplied
 */
public record BatchCounts(
        long records,
        long eventsApplied,
        long duplicateEvents,
        long pendingEvents,
        long claimedEvents,
        long messagesCreated,
        long duplicateMessages,
        long deadLettered) {

    static final BatchCounts NONE = new BatchCounts(0, 0, 0, 0, 0, 0, 0, 0);

    public BatchCounts plus(BatchCounts o) {
        return new BatchCounts(records + o.records, eventsApplied + o.eventsApplied,
                duplicateEvents + o.duplicateEvents, pendingEvents + o.pendingEvents, claimedEvents + o.claimedEvents,
                messagesCreated + o.messagesCreated, duplicateMessages + o.duplicateMessages,
                deadLettered + o.deadLettered);
    }
}
