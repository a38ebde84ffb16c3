/** Value types of the domain: tenants, channels, providers, stages and canonical events. */
@NullMarked
package io.funnelstream.engine.model;

import org.jspecify.annotations.NullMarked;
