package io.funnelstream.engine.experiment.stats;

/**
 * Confidence intervals for one proportion and for the difference of two.
 *
 * <p>Differences are always {@code variant - control}. An empty arm has the whole range as its interval: Wilson
 * {@code [0, 1]}, and a difference involving it stays within {@code [-1, 1]}.
 */
public final class Intervals {

    private Intervals() {
    }

    /**
     * The Wilson score interval (Wilson 1927): the {@code p} with {@code |p̂ - p| <= z sqrt(p(1-p)/n)}, i.e.
     * {@code (p̂ + z²/2n ± z sqrt(p̂q̂/n + z²/4n²)) / (1 + z²/n)}. It stays inside {@code [0, 1]}, is exact at 0 and
     * 1 successes' ends, and keeps near-nominal coverage for small {@code n} and extreme rates, unlike Wald.
     */
    public static Interval wilson(Proportion p, double level) {
        double z = Normal.twoSided(level);
        if (p.isEmpty()) {
            return new Interval(0, 1);
        }
        double n = p.trials();
        double rate = p.rate();
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (rate + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(rate * (1 - rate) / n + z2 / (4 * n * n));
        double lower = p.successes() == 0 ? 0 : centre - half;
        double upper = p.successes() == p.trials() ? 1 : centre + half;
        return Interval.clamped(lower, upper, 0, 1);
    }

    /**
     * Newcombe's hybrid score interval for {@code p1 - p2} (Newcombe 1998, method 10), with {@code p1} the variant
     * and {@code p2} the control, each with its Wilson interval {@code [l, u]}: {@code L = d - sqrt((p1 - l1)² +
     * (u2 - p2)²)}, {@code U = d + sqrt((u1 - p1)² + (p2 - l2)²)}. Never degenerate at 0 or all successes.
     */
    public static Interval newcombe(Proportion control, Proportion variant, double level) {
        Interval w1 = wilson(variant, level);
        Interval w2 = wilson(control, level);
        double p1 = variant.rate();
        double p2 = control.rate();
        double d = p1 - p2;
        double lower = d - Math.hypot(p1 - w1.lower(), w2.upper() - p2);
        double upper = d + Math.hypot(w1.upper() - p1, p2 - w2.lower());
        return Interval.clamped(lower, upper, -1, 1);
    }

    /**
     * The Wald interval {@code d ± z sqrt(p1q1/n1 + p2q2/n2)} for {@code variant - control}, shown only beside
     * Newcombe's as the textbook reference: it collapses to a point at 0 or all successes and undercovers there.
     * {@code [-1, 1]} when an arm is empty.
     */
    public static Interval wald(Proportion control, Proportion variant, double level) {
        double z = Normal.twoSided(level);
        if (control.isEmpty() || variant.isEmpty()) {
            return new Interval(-1, 1);
        }
        double d = variant.rate() - control.rate();
        double half = z * Math.sqrt(variance(control) + variance(variant));
        return Interval.clamped(d - half, d + half, -1, 1);
    }

    /** The estimated variance {@code p̂q̂/n} of an arm's rate; 0 for an empty arm. */
    static double variance(Proportion p) {
        return p.isEmpty() ? 0 : p.rate() * (1 - p.rate()) / p.trials();
    }
}
