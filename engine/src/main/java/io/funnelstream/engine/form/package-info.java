/** Strict parsing of application/x-www-form-urlencoded bodies and URL query strings. */
@NullMarked
package io.funnelstream.engine.form;

import org.jspecify.annotations.NullMarked;
