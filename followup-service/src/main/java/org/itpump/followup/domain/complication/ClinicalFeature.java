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
    BOWEL_OR_BLADDER_CHANGE,
    /** Hard to rouse, falling asleep mid-sentence: the first sign of opioid overdose. */
    EXCESSIVE_SEDATION,
    /** Fewer than about 10 breaths a minute, or shallow breathing. */
    SLOW_OR_SHALLOW_BREATHING,
    /** Spasticity returning above its baseline: the mark of baclofen withdrawal. */
    REBOUND_SPASTICITY,
    /** Confusion, agitation, hallucinations or a lowered consciousness. */
    ALTERED_MENTAL_STATE,
    /** Itching without a rash, an early sign of baclofen withdrawal. */
    ITCHING
}
