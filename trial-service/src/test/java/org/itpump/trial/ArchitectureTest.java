package org.itpump.trial;

import org.itpump.testing.LayerRules;
import org.junit.jupiter.api.Test;

/**
 * The service's shape read from its compiled classes (docs/architecture.md): api and messaging call service, only
 * service reaches store, nothing calls back into an adapter, no import loops, a plain-Java domain.
 */
class ArchitectureTest {

    @Test
    void layersHaveNoLoopsAndTheDomainIsPlainJava() {
        LayerRules.check("org.itpump.trial");
    }
}
