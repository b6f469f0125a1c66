package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.landscape.system.DeregistrationBlocker;
import io.mooring.server.landscape.system.LandscapeSystem;
import java.util.List;
import org.springframework.stereotype.Component;

/** Keeps a system that is in a formation (in any state, leaving included) from being deregistered. */
@Component
class FormationBlocker implements DeregistrationBlocker {
    private final FormationStore store;

    FormationBlocker(FormationStore store) {
        this.store = requireNonNull(store, "store");
    }

    @Override
    public List<String> blockersOf(LandscapeSystem system) {
        return store.formationsHolding(system.id()).stream()
                .map(name -> "formation '" + name + "'")
                .toList();
    }
}
