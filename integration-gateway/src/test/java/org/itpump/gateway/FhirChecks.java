package org.itpump.gateway;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.itpump.gateway.messaging.FhirResources;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HAPI FHIR's validator in the tests only: the FhirInstanceValidator (hapi-fhir-validation) with the R4 core
 * definitions of hapi-fhir-validation-resources-r4 (StructureDefinitions with their invariants, cardinality, data
 * types, required bindings checked in memory, UCUM and the common code systems), plus the R4 XML schemas.
 */
public final class FhirChecks {

    private static final FhirValidator VALIDATOR = validator();

    private FhirChecks() {
    }

    private static FhirValidator validator() {
        var context = FhirResources.context();
        var support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context), new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        FhirInstanceValidator instance = new FhirInstanceValidator(support);
        return context.newValidator().registerValidatorModule(instance)
                .setValidateAgainstStandardSchema(true)
                .setValidateAgainstStandardSchematron(false);
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
