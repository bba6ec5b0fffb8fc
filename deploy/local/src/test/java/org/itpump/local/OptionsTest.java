package org.itpump.local;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local tools' option parser reads what it knows and refuses the rest with a message naming the argument; the
 * launcher behind run.sh exits 2 on an unknown flag before it starts anything.
 */
class OptionsTest {

    private static final Map<String, Options.Kind> KNOWN = Options.known("--patients", Options.Kind.NUMBER,
            "--no-chaos", Options.Kind.FLAG, "--demo", Options.Kind.OPTIONAL_NUMBER, "--phases", Options.Kind.TEXT);

    @Test
    void readsKnownOptionsAndFallsBackToDefaults() {
        Options options = Options.parse(new String[]{"--patients", "12", "--no-chaos", "--phases", "hop,reads"}, KNOWN);
        assertEquals(12, options.number("--patients", 1000));
        assertTrue(options.has("--no-chaos"));
        assertEquals("hop,reads", options.text("--phases", "all"));
        assertFalse(options.has("--demo"));

        Options none = Options.parse(new String[0], KNOWN);
        assertEquals(1000, none.number("--patients", 1000));
        assertFalse(none.has("--no-chaos"));
    }

    @Test
    void anOptionalNumberMayBeLeftOut() {
        assertEquals(20, Options.parse(new String[]{"--demo"}, KNOWN).number("--demo", 20));
        assertEquals(5, Options.parse(new String[]{"--demo", "5"}, KNOWN).number("--demo", 20));
        assertTrue(Options.parse(new String[]{"--demo", "--no-chaos"}, KNOWN).has("--no-chaos"));
    }

    @Test
    void refusesWhatItDoesNotKnowNamingIt() {
        assertEquals("unknown option --patinets (known: --demo --no-chaos --patients --phases)",
                refused("--patinets", "10"));
        assertEquals("unexpected argument '10'", refused("--no-chaos", "10"));
        assertEquals("--patients takes a whole number, not 'ten'", refused("--patients", "ten"));
        assertEquals("--patients needs a value", refused("--patients"));
        assertEquals("--patients needs a value", refused("--patients", "--no-chaos"));
        assertEquals("--demo takes a whole number, not '1e3'", refused("--demo", "1e3"));
        assertEquals("--no-chaos is given twice", refused("--no-chaos", "--no-chaos"));
    }

    @Test
    void theLauncherExitsTwoOnAnUnknownFlagBeforeStartingAnything() throws Exception {
        // the class path run.sh uses: this module's classes and its runtime dependencies (written at process-classes)
        String classpath = "target/classes" + File.pathSeparator
                + Files.readString(Path.of("target/launcher-classpath.txt")).trim();
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, LocalPlatform.class.getName(), "--demo", "3", "--no-such-flag")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String errors = new String(launcher.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher ends by itself");
        assertEquals(2, launcher.exitValue(), errors);
        assertTrue(errors.startsWith("error: unknown option --no-such-flag (known: --demo --mllp)"), errors);
        assertTrue(errors.contains("usage: deploy/local/run.sh [--demo [N]]"), errors);
    }

    private static String refused(String... args) {
        return assertThrows(Options.RefusedException.class, () -> Options.parse(args, KNOWN)).getMessage();
    }
}
