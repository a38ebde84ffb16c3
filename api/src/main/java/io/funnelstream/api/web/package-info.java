/** Web filters that guard every request before it reaches a handler, and the serving of the dashboard's files. */
@NullMarked
package io.funnelstream.api.web;

import org.jspecify.annotations.NullMarked;
