package io.funnelstream.engine.archfixture.banned;

/** Breaks the locale rule: case mapping in the JVM's default locale (in Turkish, "I" lowers to a dotless i). */
public final class LowersCaseByDefaultLocale {

    private LowersCaseByDefaultLocale() {}

    public static String slug(String name) {
        return name.toLowerCase();
    }
}
