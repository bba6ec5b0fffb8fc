package org.itpump.trial.domain;

/** Why a patient is a candidate for intrathecal therapy. */
public enum Indication {
    FAILED_BACK_SURGERY_SYNDROME,
    COMPLEX_REGIONAL_PAIN_SYNDROME,
    CANCER_PAIN,
    CHRONIC_PANCREATITIS,
    NEUROPATHIC_PAIN,
    OTHER
}
