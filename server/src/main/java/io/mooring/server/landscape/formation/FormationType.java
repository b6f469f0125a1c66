package io.mooring.server.landscape.formation;

import io.mooring.server.landscape.formation.rule.FormationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A kind of formation: the rules its formations obey and the effects joining them has. */
public record FormationType(
        String code,
        String displayName,
        @Nullable String description,
        List<FormationRule> rules,
        List<FormationEffect> effects,
        boolean custom) {
    public FormationType {
        rules = List.copyOf(rules);
        effects = List.copyOf(effects);
    }

    /** The communication scenarios joining enables on a system of this system type. */
    List<String> scenariosFor(String systemType) {
        return effects.stream()
                .filter(effect -> effect.systemType().equals(systemType))
                .map(effect -> switch (effect) {
                    case FormationEffect.EnableCommunicationScenario enable -> enable.scenario();
                })
                .toList();
    }
}
