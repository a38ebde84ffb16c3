/** Amazon SNS over https: signing certificates and subscription confirmations for SES notifications. */
@NullMarked
package io.funnelstream.infra.provider.sns;

import org.jspecify.annotations.NullMarked;
