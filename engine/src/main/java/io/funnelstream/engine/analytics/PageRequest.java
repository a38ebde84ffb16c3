package io.funnelstream.engine.analytics;

/**
 * One page of a list.
 *
 * @param page the page number, from 0
 * @param size items per page, positive
 */
public record PageRequest(int page, int size) {

    public PageRequest {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("bad page " + page + " of size " + size);
        }
    }

    /** The index of the page's first item. */
    public long offset() {
        return (long) page * size;
    }
}
