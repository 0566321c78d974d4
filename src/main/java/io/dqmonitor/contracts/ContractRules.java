package io.dqmonitor.contracts;

import java.util.List;
import java.util.Map;

/**
 * What the contracts say, as rules: a tree per table in the shape of {@code dq.tables} (so one parser reads both),
 * where each setting came from (for conflicts with the native rules), and every clause with what became of it.
 *
 * @param tables  table to its settings ({@code freshness}, {@code columns.<column>.<rule key>})
 * @param origins {@code table/columns/column/key} (or {@code table/freshness}) to the contract place it came from
 * @param clauses every clause of every contract, checked or not
 * @param schemas the columns each table's contract declares, the shape its changes must keep
 */
public record ContractRules(Map<String, Map<String, Object>> tables, Map<String, String> origins,
        List<Clause> clauses, Map<String, DeclaredSchema> schemas) {

    public static final ContractRules NONE = new ContractRules(Map.of(), Map.of(), List.of(), Map.of());
}
