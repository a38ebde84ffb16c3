/** Test infrastructure shared by every module's tests: real servers, one per JVM, isolated per test class. */
@NullMarked
package io.funnelstream.testkit;

import org.jspecify.annotations.NullMarked;
