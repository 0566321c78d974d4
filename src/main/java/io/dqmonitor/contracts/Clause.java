package io.dqmonitor.contracts;

/**
 * One clause of a contract and what became of it: {@code checkedAs} is the {@code column:rule} it is checked as
 * (or {@code freshness}), or null when it is not checked, and then {@code why} says why.
 *
 * @param contract the contract file
 * @param where    the clause's place in the contract, such as {@code schema[0].properties[2].quality[0]}
 * @param table    the table it is about, or null when it maps to none
 * @param clause   what it says, such as {@code nullValues mustBe 0} or {@code unique}
 */
public record Clause(String contract, String where, String table, String clause, String checkedAs, String why) {

    static Clause checked(String contract, String where, String table, String clause, String checkedAs) {
        return new Clause(contract, where, table, clause, checkedAs, null);
    }

    static Clause notChecked(String contract, String where, String table, String clause, String why) {
        return new Clause(contract, where, table, clause, null, why);
    }

    public boolean isChecked() {
        return checkedAs != null;
    }

    /** One line, as the start-up log and {@code GET /actuator/rules} show it. */
    public String describe() {
        return contract + " " + where + " " + clause + (isChecked() ? ": checked as " + checkedAs
                : ": not checked, " + why);
    }
}
