package io.funnelstream.engine.analytics;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of reading one request parameter: a value, or why it is invalid.
 *
 * @param <T> the value's type
 */
public sealed interface Parsed<T> {

    /** The value read. */
    record Valid<T>(T value) implements Parsed<T> {
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Why the parameter cannot be used.
     *
     * @param slug a stable name of the problem ({@code invalid-range}, {@code unknown-channel}, ...)
     * @param detail what is wrong and what would be accepted, safe to show to the caller
     * @param allowed the values that would be accepted, where there is a short list of them
     */
    record Invalid<T>(String slug, String detail, List<String> allowed) implements Parsed<T> {
        public Invalid {
            Objects.requireNonNull(slug, "slug");
            Objects.requireNonNull(detail, "detail");
            allowed = List.copyOf(allowed);
        }

        /** The same problem as an outcome of another type. */
        public <R> Invalid<R> cast() {
            return new Invalid<>(slug, detail, allowed);
        }
    }

    static <T> Parsed<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Parsed<T> invalid(String slug, String detail) {
        return new Invalid<>(slug, detail, List.of());
    }

    static <T> Parsed<T> invalid(String slug, String detail, List<String> allowed) {
        return new Invalid<>(slug, detail, allowed);
    }

    /** The value mapped, or the same problem. */
    default <R> Parsed<R> map(Function<? super T, ? extends R> mapper) {
        return switch (this) {
            case Valid<T> v -> new Valid<>(mapper.apply(v.value()));
            case Invalid<T> i -> i.cast();
        };
    }

    /** The next step on the value, or the same problem. */
    default <R> Parsed<R> then(Function<? super T, Parsed<R>> next) {
        return switch (this) {
            case Valid<T> v -> next.apply(v.value());
            case Invalid<T> i -> i.cast();
        };
    }
}
