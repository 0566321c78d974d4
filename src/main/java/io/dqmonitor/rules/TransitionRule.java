package io.dqmonitor.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code transitions: {pending: [paid, cancelled], paid: [refunded]}}: an update may move the column only along a
 * listed edge. An unchanged value is no move; a state with no entry may not be left; setting a first value (from
 * null) is not a move, and clearing one is a move to {@code null}, allowed only if listed.
 */
final class TransitionRule implements ColumnRule.ChangeRule {

    private final Map<String, Set<String>> allowed;

    TransitionRule(Map<String, Set<String>> allowed) {
        this.allowed = allowed;
    }

    @Override
    public String name() {
        return "transition";
    }

    @Override
    public boolean accepts(Object before, Object after) {
        String from = Values.text(before);
        String to = after == null ? "null" : Values.text(after);
        return from == null || Objects.equals(from, to) || allowed.getOrDefault(from, Set.of()).contains(to);
    }

    @Component
    static final class Factory implements RuleFactory {

        @Override
        public Set<String> keys() {
            return Set.of("transitions");
        }

        @Override
        public Optional<ColumnRule> create(RuleSettings settings) {
            Map<String, Set<String>> allowed = new LinkedHashMap<>();
            settings.map("transitions").forEach((from, targets) -> allowed.put(from,
                    Set.copyOf(new RuleSettings(settings.path("transitions"), Map.of(from, targets)).textList(from))));
            return Optional.of(new TransitionRule(Map.copyOf(allowed)));
        }
    }
}
