package io.funnelstream.engine.model;

/** Whether a bounce is permanent (never retry the address) or transient. */
public enum BounceClass {
    HARD,
    SOFT
}
