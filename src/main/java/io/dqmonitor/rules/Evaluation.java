package io.dqmonitor.rules;

import java.util.List;
import java.util.Set;

/**
 * The outcome of checking one change event.
 *
 * @param violations failed checks
 * @param skipped    why some checks could not run ({@code no_before_image}, {@code missing_column}); at most once each
 */
public record Evaluation(List<Violation> violations, Set<String> skipped) {

    public static final Evaluation NONE = new Evaluation(List.of(), Set.of());
}
