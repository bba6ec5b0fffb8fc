package org.itpump.gateway;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.validation.MessageValidator;
import ca.uhn.hl7v2.validation.builder.support.DefaultValidationBuilder;
import ca.uhn.hl7v2.validation.builder.support.OnlyKnownSegmentsRule;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How tests check an SIU message: HAPI parses the ER7 back into its v2.5.1 SIU_S12 structure with HAPI's default
 * validation (field formats and lengths of every primitive) plus the rule that every segment sits where the
 * structure defines it (no unknown segments); then every field the v2.5.1 structure marks required is present.
 */
public final class Hl7Checks {

    private static final HapiContext CONTEXT = strictContext();

    private Hl7Checks() {
    }

    private static HapiContext strictContext() {
        HapiContext context = new DefaultHapiContext();
        context.setValidationRuleBuilder(new DefaultValidationBuilder() {
            @Override
            protected void configure() {
                super.configure();
                forVersion().asOf("2.5.1").message().all().test(new OnlyKnownSegmentsRule());
            }
        });
        return context;
    }

    /** Parses and validates; fails the test with HAPI's reasons. */
    public static SIU_S12 parseValidSiu(String er7) {
        try {
            Message message = CONTEXT.getPipeParser().parse(er7);
            SIU_S12 siu = assertInstanceOf(SIU_S12.class, message, "parsed as the v2.5.1 SIU_S12 structure");
            assertEquals("2.5.1", siu.getMSH().getVersionID().getVersionID().getValue());
            boolean valid = new MessageValidator(CONTEXT.getValidationContext(), true).validate(siu);
            assertTrue(valid, "HAPI's v2.5.1 validation");
            List<String> missing = new ArrayList<>();
            requiredFields(siu, missing);
            assertEquals(List.of(), missing, "required fields of the v2.5.1 structure");
            return siu;
        } catch (HL7Exception e) {
            throw new AssertionError("HAPI refused the message: " + e.getMessage() + "\n" + er7.replace('\r', '\n'), e);
        }
    }

    private static void requiredFields(Group group, List<String> missing) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure structure : group.getAll(name)) {
                if (structure instanceof Group child) {
                    requiredFields(child, missing);
                } else if (structure instanceof Segment segment && !segment.isEmpty()) {
                    for (int field = 1; field <= segment.numFields(); field++) {
                        if (segment.isRequired(field) && (segment.getField(field).length == 0
                                || segment.getField(field)[0].isEmpty())) {
                            missing.add(segment.getName() + "-" + field);
                        }
                    }
                }
            }
        }
    }
}
