package io.dqmonitor.contracts;

import java.util.Map;

/**
 * The shape a contract declares for a table: each property (column) with its ODCS {@code logicalType} ({@code ""}
 * when it declares none).
 *
 * @param contract the contract file that declares it, for the stored reports
 */
public record DeclaredSchema(String contract, Map<String, String> columns) {

    public DeclaredSchema {
        columns = Map.copyOf(columns);
    }
}
