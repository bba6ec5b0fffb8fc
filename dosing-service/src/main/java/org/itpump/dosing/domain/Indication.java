package org.itpump.dosing.domain;

/**
 * Why the pump gives its drug, where a rule depends on it. Baclofen's titration does: spasticity of spinal cord
 * origin is titrated by 10-30 % steps, spasticity of cerebral origin by 5-15 % (LIORESAL-PI, GABLOFEN-PI, Dosage
 * and Administration, maintenance titration). The drug library's titration.byIndication names these values.
 */
public enum Indication {
    SPASTICITY_OF_SPINAL_ORIGIN, SPASTICITY_OF_CEREBRAL_ORIGIN
}
