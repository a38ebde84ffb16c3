package io.funnelstream.benchmarks.webhook;

/** Builds the {@code index}-th distinct signed request of a run; deterministic, so it can be built in parallel. */
interface Payloads {

    SignedRequest build(long index);

    /** How many events one request carries. */
    int eventsPerRequest();
}
