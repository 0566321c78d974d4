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
}
