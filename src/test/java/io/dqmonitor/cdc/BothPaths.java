package io.dqmonitor.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.json.JsonMapper;

/**
 * Parses every record the way the service does and, beside it, with trees only (the parser before records were
 * decoded from their bytes), and fails unless both give the same outcome. Each parser reads the record twice, so that
 * the second time its schema is cached and the service's parser takes the direct path wherever it can.
 */
final class BothPaths {

    private final ChangeEventParser direct = new ChangeEventParser();
    private final ChangeEventParser trees = new ChangeEventParser(JsonMapper.builder().build(), false);

    ParsedRecord parse(byte[] key, byte[] value) {
        // each parser twice: a record's schema may be new to its caches the first time, and cached the second
        assertThat(direct.parse(key, value)).as("first parse").isEqualTo(trees.parse(key, value));
        ParsedRecord cached = direct.parse(key, value);
        assertThat(cached).as("parse with the schema cached").isEqualTo(trees.parse(key, value));
        return cached;
    }
}
