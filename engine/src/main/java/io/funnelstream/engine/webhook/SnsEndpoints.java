package io.funnelstream.engine.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which URLs may be fetched on SNS's word: signing certificates and subscription confirmations. */
public final class SnsEndpoints {

    private static final Pattern SNS_HOST =
            Pattern.compile("sns\\.[a-z0-9]+(-[a-z0-9]+)*-[0-9]+\\.amazonaws\\.com(\\.cn)?");

    private SnsEndpoints() {}

    /**
     * The URL, if it is https on the default port, without user info, on a host
     * {@code sns.<region>.amazonaws.com} or {@code sns.<region>.amazonaws.com.cn}.
     */
    public static Optional<URI> trusted(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = uri.getHost();
        boolean ok = "https".equalsIgnoreCase(uri.getScheme())
                && uri.getRawUserInfo() == null
                && (uri.getPort() == -1 || uri.getPort() == 443)
                && host != null
                && SNS_HOST.matcher(host.toLowerCase(Locale.ROOT)).matches();
        return ok ? Optional.of(uri) : Optional.empty();
    }
}
