package io.dqmonitor.cdc;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The value of a {@code json}/{@code jsonb} column: kept as text so rules compare what the database holds,
 * and written out as nested JSON where changes are shown.
 */
public record JsonText(@JsonValue @JsonRawValue String json) {

    @Override
    public String toString() {
        return json;
    }
}
