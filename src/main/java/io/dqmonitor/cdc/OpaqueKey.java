package io.dqmonitor.cdc;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A record key that is not a row of columns: bytes that do not decode, or a JSON value that is not an object. It is
 * kept as its text under the column {@code key}, written as that text in JSON, so that it still identifies its row;
 * but no declared column can say whether it is personal, so a table with personal columns masks it whole.
 */
public record OpaqueKey(@JsonValue String text) {

    @Override
    public String toString() {
        return text;
    }
}
