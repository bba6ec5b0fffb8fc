package org.itpump.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ServiceProcess passes the JDK 25 AOT cache only to a JDK 25+ (a JDK 17 would refuse -XX:AOTCache and not start),
 * the AppCDS archive otherwise, and nothing when the build left neither.
 */
class StartupArchiveTest {

    @Test
    void aJdk25GetsTheAotCacheAndAJdk17TheAppCdsArchive(@TempDir Path app) throws Exception {
        Path jar = app.resolve("quarkus-run.jar");
        Files.createFile(app.resolve("app.aot"));
        Files.createFile(app.resolve("app-cds.jsa"));
        assertEquals(List.of("-XX:AOTCache=app.aot"), ServiceProcess.startupArchive(jar, 25));
        assertEquals(List.of("-XX:SharedArchiveFile=app-cds.jsa"), ServiceProcess.startupArchive(jar, 17));
    }

    @Test
    void aJdk17NeverGetsTheAotCache(@TempDir Path app) throws Exception {
        Path jar = app.resolve("quarkus-run.jar");
        Files.createFile(app.resolve("app.aot"));
        assertEquals(List.of(), ServiceProcess.startupArchive(jar, 17));
        assertEquals(List.of("-XX:AOTCache=app.aot"), ServiceProcess.startupArchive(jar, 26));
    }

    @Test
    void aTrainedCacheWinsOnJdk25AndATrainingRunRecordsOne(@TempDir Path app) throws Exception {
        Path jar = app.resolve("quarkus-run.jar");
        Files.createFile(app.resolve("app.aot"));
        Files.createFile(app.resolve("app-cds.jsa"));
        Files.createFile(app.resolve("app-trained.aot"));
        assertEquals(List.of("-XX:AOTCache=app-trained.aot"), ServiceProcess.startupArchive(jar, 25));
        assertEquals(List.of("-XX:SharedArchiveFile=app-cds.jsa"), ServiceProcess.startupArchive(jar, 17));
        System.setProperty(ServiceProcess.TRAINING, "true");
        try {
            assertEquals(List.of("-XX:AOTCacheOutput=app-trained.aot"), ServiceProcess.startupArchive(jar, 25));
            // a JDK 17 cannot record one: it keeps its AppCDS archive
            assertEquals(List.of("-XX:SharedArchiveFile=app-cds.jsa"), ServiceProcess.startupArchive(jar, 17));
        } finally {
            System.clearProperty(ServiceProcess.TRAINING);
        }
    }

    @Test
    void noArchiveNoOption(@TempDir Path app) {
        assertEquals(List.of(), ServiceProcess.startupArchive(app.resolve("quarkus-run.jar"), 25));
    }
}
