package io.dqmonitor.cdc;

import java.util.function.Supplier;

import org.springframework.dao.DataRetrievalFailureException;
import tools.jackson.core.JacksonException;

/**
 * dq-monitor's own stored state, read back (schema baselines, completeness ledgers, anomaly minutes). A row it cannot
 * read, after an upgrade or an edit by hand, is a failure of the store, not of the record being handled: it surfaces
 * as a {@link DataRetrievalFailureException} naming the table, which the pipeline retries visibly (readiness DOWN with
 * the stage) instead of dead-lettering every record of the partitions that read it.
 */
public final class OwnState {

    private OwnState() {
    }

    /** The result of {@code reading} {@code table}'s rows; a row that does not parse fails as the table's. */
    public static <T> T read(String table, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (JacksonException e) {
            throw new DataRetrievalFailureException(table + " holds a row dq-monitor cannot read ("
                    + e.getOriginalMessage() + "); mend or delete the row", e);
        }
    }
}
