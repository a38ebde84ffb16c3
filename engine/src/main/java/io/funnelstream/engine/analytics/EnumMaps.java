package io.funnelstream.engine.analytics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Unmodifiable copies of maps keyed by an enum, iterated in the enum's order. */
final class EnumMaps {

    private EnumMaps() {}

    static <K extends Enum<K>, V> Map<K, V> copy(Class<K> type, Map<K, V> source) {
        EnumMap<K, V> copy = new EnumMap<>(type);
        copy.putAll(source);
        return Collections.unmodifiableMap(copy);
    }
}
