package io.dqmonitor.rules;

import java.util.List;

/**
 * Where the windows of table limits are counted. The changes of one window (a minute of deletes, a transaction) are
 * spread over a topic's partitions, and so over instances: the windows are kept where every instance counts in the
 * same ones (Redis), and a change's place in its window depends only on which changes came first, not on who read it.
 */
public interface LimitWindows {

    /**
     * One change asking for its place in a window.
     *
     * @param window the window, unique across tables ({@code <table>:deletes:<minute>}, {@code <table>:tx:<id>})
     * @param member the change's identity: the same on every delivery
     * @param limit  the most changes the window may hold without a violation
     */
    record Claim(String window, String member, int limit) {
    }

    /**
     * Each claim's 0-based place in its window, in order: a member the window holds keeps its place, a new one takes
     * the next, and past {@code limit} no place is given (-1): only the change at place {@code limit} is reported.
     */
    int[] places(List<Claim> claims);

    /**
     * One value counted in a percentage window.
     *
     * @param window     the window, unique across tables ({@code <table>:threshold:<name>:<start>})
     * @param member     the change's identity: the same on every delivery
     * @param failed     whether the value broke the threshold's rule
     * @param percent    the bound on failing values, in percent of the window's values
     * @param inclusive  whether exactly {@code percent} is allowed
     * @param minChanges how many values the window needs before the bound is judged
     * @param length     the window's length: it is kept at least that long after its last new value
     */
    record Tally(String window, String member, boolean failed, double percent, boolean inclusive, int minChanges,
            java.time.Duration length) {
    }

    /**
     * What each tally found, in order. A window counts each member once; the first member after which the failing
     * share is past the bound crosses it, and the window then counts no more. Only that member is told so, on every
     * delivery, with the counts at that moment.
     */
    Counted[] count(List<Tally> tallies);

    /**
     * A tally's outcome: {@code crossed} when this member crossed its window's bound, with the window's failing and
     * total values then; {@code full} when the window was too large to count it.
     */
    record Counted(boolean crossed, boolean full, long failed, long total) {

        public static final Counted COUNTED = new Counted(false, false, 0, 0);
        public static final Counted FULL = new Counted(false, true, 0, 0);
    }
}
