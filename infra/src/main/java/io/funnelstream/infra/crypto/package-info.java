/** Encryption of secrets at rest: AES-256-GCM through Google Tink keysets, with key rotation. */
@NullMarked
package io.funnelstream.infra.crypto;

import org.jspecify.annotations.NullMarked;
