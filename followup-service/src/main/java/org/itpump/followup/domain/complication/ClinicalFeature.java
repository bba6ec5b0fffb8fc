package org.itpump.followup.domain.complication;

/** Findings reported with a complication; the escalation rules key on them. */
public enum ClinicalFeature {
    FEVER,
    WOUND_DRAINAGE,
    REDNESS,
    /** Headache worse upright and eased lying down: the mark of low CSF pressure. */
    POSTURAL_HEADACHE,
    NECK_STIFFNESS,
    NEW_WEAKNESS,
    NEW_NUMBNESS,
    BOWEL_OR_BLADDER_CHANGE
}
