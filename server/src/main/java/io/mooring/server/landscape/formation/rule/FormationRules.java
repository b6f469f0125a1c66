package io.mooring.server.landscape.formation.rule;

import java.util.List;

/** Evaluates all rules of a formation type against one change and returns every violation, not just the first. */
public final class FormationRules {
    private FormationRules() {}

    public static List<Violation> evaluate(List<FormationRule> rules, RuleCheck check) {
        return rules.stream().flatMap(rule -> rule.check(check).stream()).toList();
    }
}
