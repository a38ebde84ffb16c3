package io.funnelstream.engine.archfixture.banned;

/** Breaks the locale rule: case mapping in the JVM's default locale. */
public final class UppersCaseByDefaultLocale {

    private UppersCaseByDefaultLocale() {}

    public static String constant(String slug) {
        return slug.toUpperCase();
    }
}
