package org.itpump.console;

import org.itpump.testing.LayerRules;
import org.junit.jupiter.api.Test;

/** ops-console keeps the shape of every service (api, messaging -> service -> store; plain-Java domain). */
class LayerTest {

    @Test
    void layers() {
        LayerRules.check("org.itpump.console");
    }
}
