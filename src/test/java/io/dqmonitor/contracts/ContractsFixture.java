package io.dqmonitor.contracts;

/** Contracts for tests. */
public final class ContractsFixture {

    private ContractsFixture() {
    }

    /** A valid contract of {@code shop.orders} with one number column and one of its logicalTypeOptions. */
    public static String contract(String column, String option) {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: orders
                version: 1.0.0
                status: active
                servers:
                  - server: main
                    type: postgresql
                    host: db
                    port: 5432
                    database: shop
                    schema: shop
                schema:
                  - name: orders
                    properties:
                      - name: %s
                        logicalType: number
                        logicalTypeOptions:
                          %s
                """.formatted(column, option);
    }

    /** A valid contract of {@code shop.orders} with one text column and its quality clauses, a YAML list. */
    public static String quality(String column, String clauses) {
        return contract(column, "maxLength: 100").replace("logicalType: number", "logicalType: string")
                + "        quality:\n" + clauses.stripIndent().lines().map(line -> "          " + line + "\n")
                .collect(java.util.stream.Collectors.joining());
    }
}
