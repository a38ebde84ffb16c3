/**
 * Classes that break the engine's architecture rules on purpose, so the rule tests can show each rule fails.
 * Test sources only: the rules over production code never see them.
 */
@NullMarked
package io.funnelstream.engine.archfixture;

import org.jspecify.annotations.NullMarked;
