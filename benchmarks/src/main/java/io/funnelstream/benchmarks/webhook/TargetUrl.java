package io.funnelstream.benchmarks.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the load goes: an {@code http} URL on this machine's loopback interface. Anything else is refused before a
 * single request leaves, so the generator cannot be pointed at somebody else's server. Only {@code localhost} is
 * resolved (from the hosts file); other names are refused without a lookup.
 *
 * @param uri the URL as given, path and query included
 */
record TargetUrl(URI uri) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    TargetUrl {
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// targets on loopback are load-tested: " + uri);
        }
        if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("target needs a host and a path: " + uri);
        }
        if (!isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("refusing a target that is not on loopback: " + uri.getHost()
                    + " (use 127.0.0.1, [::1] or localhost)");
        }
    }

    static TargetUrl parse(String url) {
        try {
            return new TargetUrl(new URI(url));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        boolean literal = IPV4.matcher(name).matches() || name.startsWith("[") || name.contains(":");
        if (!literal && !name.equals("localhost")) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    String host() {
        return uri.getHost();
    }

    int port() {
        return uri.getPort() < 0 ? 80 : uri.getPort();
    }

    /** The raw path and query, as they go on the request line. */
    String pathAndQuery() {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
