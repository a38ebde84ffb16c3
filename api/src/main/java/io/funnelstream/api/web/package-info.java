/** Web filters that guard every request before it reaches a handler. */
@NullMarked
package io.funnelstream.api.web;

import org.jspecify.annotations.NullMarked;
