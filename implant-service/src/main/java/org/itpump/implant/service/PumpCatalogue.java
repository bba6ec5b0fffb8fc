package org.itpump.implant.service;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.implant.domain.DeviceCatalogue;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The device catalogue in force: the bundled device-catalogue.json, extended or corrected by the hospital's file
 * named in itpump.implant.device-catalogue-extension (same shape; a model of the same name replaces the bundled
 * entry). Read and validated at start: a bad or missing file stops the service with every fault listed.
 */
@Startup
@Singleton
public class PumpCatalogue {

    private static final Logger LOG = Logger.getLogger(PumpCatalogue.class);

    private final DeviceCatalogue catalogue;

    PumpCatalogue(@ConfigProperty(name = "itpump.implant.device-catalogue-extension") Optional<String> extension) {
        DeviceCatalogue bundled = DeviceCatalogue.bundled();
        this.catalogue = extension.filter(p -> !p.isBlank()).map(p -> bundled.extendedBy(readFile(Path.of(p))))
                .orElse(bundled);
        LOG.infof("Device catalogue: %s", catalogue.knownModels());
    }

    /** The catalogue every implant completion is checked against. */
    public DeviceCatalogue catalogue() {
        return catalogue;
    }

    private static DeviceCatalogue readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DeviceCatalogue.read(in, file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Device catalogue extension " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
