package io.dqmonitor.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import io.dqmonitor.rules.InvalidRulesException;
import tools.jackson.databind.JsonNode;

/**
 * The ODCS JSON Schema as the standard publishes it (v3.1.0, which takes contracts of v3.0.x too), shipped with its
 * licence in {@code src/main/resources/odcs}. A contract that does not follow it is refused with every place it
 * departs from.
 */
final class OdcsSchema {

    static final String RESOURCE = "/odcs/odcs-json-schema-v3.1.0.json";

    private final Schema schema;

    OdcsSchema() {
        try (InputStream text = OdcsSchema.class.getResourceAsStream(RESOURCE)) {
            if (text == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            // the schema's $defs hold a map of server schemas by type; its keys are names, not unknown keywords
            Dialect dialect = Dialect.builder(Dialects.getDraft201909())
                    .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword)).build();
            schema = SchemaRegistry.withDefaultDialect(dialect).getSchema(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses a contract that does not follow the schema; {@code file} names it in the message. */
    void check(String file, JsonNode contract) {
        List<Error> errors = schema.validate(contract);
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder("does not follow the ODCS schema:");
            errors.stream().limit(20).forEach(error -> message.append(' ').append(error.getInstanceLocation())
                    .append(": ").append(error.getMessage()).append(';'));
            if (errors.size() > 20) {
                message.append(" and ").append(errors.size() - 20).append(" more");
            }
            throw new InvalidRulesException(file, message.toString());
        }
    }
}
