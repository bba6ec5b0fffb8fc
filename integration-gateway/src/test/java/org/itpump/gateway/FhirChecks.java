package org.itpump.gateway;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.itpump.gateway.messaging.FhirResources;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HAPI FHIR's validator in the tests only: FhirValidator against the FHIR R4 XML schemas that
 * hapi-fhir-validation-resources-r4 ships (structure, cardinality, data types and code formats of every element).
 * The profile-level instance validator (hapi-fhir-validation) is not served by the package registry here.
 */
public final class FhirChecks {

    private static final FhirValidator VALIDATOR = FhirResources.context().newValidator()
            .setValidateAgainstStandardSchema(true)
            .setValidateAgainstStandardSchematron(false);

    private FhirChecks() {
    }

    /** Fails with the validator's messages unless it reports 0 errors (and 0 fatal). */
    public static void assertValid(IBaseResource resource) {
        ValidationResult result = VALIDATOR.validateWithResult(resource);
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
        assertEquals(List.of(), errors, resource.fhirType() + " must pass the R4 validator");
    }
}
