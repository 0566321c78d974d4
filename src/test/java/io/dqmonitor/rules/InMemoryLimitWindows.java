package io.dqmonitor.rules;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Limit windows in a map, for unit tests: the same places as the Redis script gives (RedisLimitWindowsIT). */
public final class InMemoryLimitWindows implements LimitWindows {

    private final Map<String, Map<String, Integer>> windows = new HashMap<>();

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
}
