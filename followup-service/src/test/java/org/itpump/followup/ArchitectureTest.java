package org.itpump.followup;

import org.itpump.testing.LayerRules;
import org.junit.jupiter.api.Test;

/**
 * followup-service keeps the one shape (docs/architecture.md): api and messaging call service, only service reaches
 * store, domain is plain Java, and no package loop. Read from the compiled classes, so a stray import fails here.
 */
class ArchitectureTest {

    @Test
    void layersPointInwardWithoutLoops() {
        LayerRules.check("org.itpump.followup");
    }
}
