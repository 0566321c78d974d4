package io.dqmonitor.rules;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Limit windows in a map, for unit tests: the same places as the Redis script gives (RedisLimitWindowsIT). */
public final class InMemoryLimitWindows implements LimitWindows {

    private final Map<String, Map<String, Integer>> windows = new HashMap<>();
    private final Map<String, Tallied> tallied = new HashMap<>();

    /** A percentage window: its members while undecided, its counts, and once crossed who crossed it and when. */
    private static final class Tallied {
        final java.util.Set<String> members = new java.util.HashSet<>();
        long failed;
        long total;
        String crossed;
        Counted crossing;
    }

    @Override
    public synchronized int[] places(List<Claim> claims) {
        int[] places = new int[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            Map<String, Integer> window = windows.computeIfAbsent(claim.window(), w -> new LinkedHashMap<>());
            Integer place = window.get(claim.member());
            if (place == null && window.size() <= claim.limit()) {
                place = window.size();
                window.put(claim.member(), place);
            }
            places[i] = place == null ? -1 : place;
        }
        return places;
    }

    @Override
    public synchronized Counted[] count(List<Tally> tallies) {
        Counted[] counted = new Counted[tallies.size()];
        for (int i = 0; i < tallies.size(); i++) {
            Tally tally = tallies.get(i);
            Tallied window = tallied.computeIfAbsent(tally.window(), w -> new Tallied());
            counted[i] = Counted.COUNTED;
            if (window.crossed != null) {
                counted[i] = window.crossed.equals(tally.member()) ? window.crossing : Counted.COUNTED;
            } else if (window.members.add(tally.member())) {
                window.total++;
                window.failed += tally.failed() ? 1 : 0;
                double share = 100.0 * window.failed;
                double bound = tally.percent() * window.total;
                if (window.total >= tally.minChanges() && (tally.inclusive() ? share > bound : share >= bound)) {
                    window.crossed = tally.member();
                    window.crossing = new Counted(true, false, window.failed, window.total);
                    window.members.clear();
                    counted[i] = window.crossing;
                }
            }
        }
        return counted;
    }
}
