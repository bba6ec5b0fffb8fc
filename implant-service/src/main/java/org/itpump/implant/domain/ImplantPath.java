package org.itpump.implant.domain;

/**
 * How an implant case came to be: a passed screening trial ({@link #TRIAL}, the first pump of a pathway) or the
 * replacement of a pump already implanted on the pathway ({@link #REPLACEMENT}: battery end of life, malfunction),
 * which needs no new screening trial but goes through the same pre-op checklist, booking and completion.
 */
public enum ImplantPath {
    TRIAL, REPLACEMENT
}
