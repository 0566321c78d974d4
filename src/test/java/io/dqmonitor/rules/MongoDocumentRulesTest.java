package io.dqmonitor.rules;

import static io.dqmonitor.cdc.MongoEnvelopes.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import io.dqmonitor.cdc.MongoEnvelopes;
import io.dqmonitor.cdc.MongoEnvelopes.Change;
import io.dqmonitor.ruleconfig.RulesFixture;
import org.junit.jupiter.api.Test;

/** Rules on MongoDB documents, nested fields named by their path, on envelopes as the connector writes them. */
class MongoDocumentRulesTest {

    private final RuleEvaluator evaluator = RulesFixture.evaluator("""
            dq:
              tables:
                shop.customers:
                  columns:
                    address.city: { not-null: true, allowed-values: [Oslo, Bergen] }
                    age: { min: 0, max: 150 }
                    email: { pattern: '^[^@]+@[^@]+$' }
                    name: { immutable: true }
            """);

    @Test
    void aGoodDocumentHasNoViolation() {
        assertThat(evaluate(Change.create(doc("Oslo", 30, "a@b.c"))).violations()).isEmpty();
    }

    @Test
    void nestedFieldsAreCheckedByTheirPath() {
        assertThat(evaluate(Change.create(doc("Paris", -1, "nope"))).violations()).containsExactlyInAnyOrder(
                new Violation("address.city", "allowed_values", "Paris"),
                new Violation("age", "range", "-1"),
                new Violation("email", "pattern", "nope"));
    }

    @Test
    void aFieldMissingFromAWholeDocumentIsNull() {
        Evaluation evaluation = evaluate(Change.create("{\"_id\": 1, \"name\": \"A\", \"address\": {\"zip\": \"0150\"}}"));

        assertThat(evaluation.violations()).containsExactly(new Violation("address.city", "not_null", null));
        assertThat(evaluation.skipped()).isEmpty();
    }

    @Test
    void anUpdateWithoutTheFullDocumentChecksOnlyWhatItSetAndSaysSo() {
        Evaluation evaluation = evaluate(MongoEnvelopes.update(null, "{\"age\": 200}", List.of("address.city")));

        assertThat(evaluation.violations()).containsExactlyInAnyOrder(
                new Violation("age", "range", "200"),
                new Violation("address.city", "not_null", null));
        assertThat(evaluation.skipped()).isEqualTo(Set.of(RuleEvaluator.NOT_IN_UPDATE));
    }

    @Test
    void changeRulesUseThePreImage() {
        Evaluation evaluation = evaluate(MongoEnvelopes.update(doc("Oslo", 30, "a@b.c").replace("\"A\"", "\"B\""),
                "{\"name\": \"B\"}", null).withBefore(doc("Oslo", 30, "a@b.c")));

        assertThat(evaluation.violations()).containsExactly(new Violation("name", "immutable", "A -> B"));
    }

    @Test
    void withoutAPreImageChangeRulesAreSkipped() {
        Evaluation evaluation = evaluate(MongoEnvelopes.update(doc("Oslo", 30, "a@b.c"), "{\"age\": 30}", null));

        assertThat(evaluation.violations()).isEmpty();
        assertThat(evaluation.skipped()).isEqualTo(Set.of(RuleEvaluator.NO_BEFORE_IMAGE));
    }

    @Test
    void anUnknownRuleOnANestedFieldNamesItsWholePath() {
        assertThatThrownBy(() -> RulesFixture.evaluator("""
                dq:
                  tables:
                    shop.customers:
                      columns:
                        address.city: { not-nul: true }
                """)).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("dq.tables.shop.customers.columns.address.city.not-nul");
    }

    private Evaluation evaluate(Change change) {
        return evaluator.evaluate(parse(change));
    }

    private static String doc(String city, int age, String email) {
        return "{\"_id\": 1004, \"name\": \"A\", \"age\": " + age + ", \"email\": \"" + email
                + "\", \"address\": {\"city\": \"" + city + "\", \"zip\": \"0150\"}}";
    }
}
