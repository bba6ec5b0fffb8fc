package org.itpump.implant.domain;

/** What must be confirmed before the implant surgery can be recorded as done. */
public enum PreOpItem {
    CONSENT_SIGNED,
    ANTICOAGULATION_HELD,
    INFECTION_SCREEN_CLEAR,
    IMAGING_REVIEWED
}
