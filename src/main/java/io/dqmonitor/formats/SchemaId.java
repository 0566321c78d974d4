package io.dqmonitor.formats;

/**
 * A schema's id in one registry, as a record names it.
 *
 * @param registry the name of the registry ({@code default} for {@code dq.registry.url})
 * @param kind     which of the registry's ids it is
 */
record SchemaId(String registry, Kind kind, long id) {

    enum Kind {
        /** Confluent's id, which Apicurio's Confluent-compatible API serves as its content id. */
        CONFLUENT,
        GLOBAL,
        CONTENT
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " id " + id + " of registry " + registry;
    }
}
