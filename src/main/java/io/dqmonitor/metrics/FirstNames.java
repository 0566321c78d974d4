package io.dqmonitor.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first {@code max} distinct names offered, remembered; every further name is refused. Names come from the
 * records, so whatever keeps something per name (a label value, a table's state) keeps it for these only.
 */
public final class FirstNames {

    private final int max;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    public FirstNames(int max) {
        this.max = max;
    }

    /** Whether {@code name} is one of the first {@code max}: admitted before, or now. */
    public boolean admit(String name) {
        if (admitted.contains(name)) {
            return true;
        }
        synchronized (admitted) {
            if (admitted.contains(name) || admitted.size() < max) {
                admitted.add(name);
                return true;
            }
        }
        return false;
    }
}
