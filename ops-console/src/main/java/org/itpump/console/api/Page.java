package org.itpump.console.api;

import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * An HTML page and the rows it shows. The rows are records whose {@code patientRef} components the chassis'
 * AuditTrail finds, so every page view of patient data is audited like an API read (who, roles, path, which
 * patient references, outcome). {@link PageWriter} renders the template.
 */
public record Page(TemplateInstance template, List<?> shown) {
}
