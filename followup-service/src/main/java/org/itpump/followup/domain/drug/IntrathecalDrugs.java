package org.itpump.followup.domain.drug;

import java.util.Locale;
import java.util.Set;

/**
 * What followup-service needs to know of the drug a pump was started with (the {@code program.drug} code of
 * {@code dosing.pump-programmed}, dosing-service's drug-library codes such as {@code morphine}).
 * <ul>
 *   <li>Opioids: the first intrathecal dose needs at least 24 h of observation in an equipped setting.
 *       Sources: preservative-free morphine labeling (Infumorph / Duramorph US prescribing information, boxed
 *       warning: patients observed in a fully equipped and staffed environment for at least 24 hours after the
 *       initial dose); Medtronic SynchroMed II labeling (patients monitored closely for at least 24 hours after the
 *       first pump dose, in a setting with resuscitative equipment).</li>
 *   <li>Withdrawal-critical: stopping the infusion abruptly can kill (high fever, altered mental state, rebound
 *       spasticity, rhabdomyolysis, multi-organ failure). Source: Lioresal Intrathecal (baclofen injection) US
 *       prescribing information, boxed warning on abrupt discontinuation. The dosing-service drug library marks
 *       baclofen alone as withdrawal-critical; the same set is kept here.</li>
 * </ul>
 * A code that is not known here is treated as an opioid for the observation rule (the cautious reading, which a
 * clinician can override with a reason) and as not withdrawal-critical.
 */
public final class IntrathecalDrugs {

    /** Intrathecal opioids (morphine and the opioids used instead of it or beside it). */
    public static final Set<String> OPIOIDS = Set.of("morphine", "hydromorphone", "fentanyl", "sufentanil",
            "meperidine", "methadone", "buprenorphine");
    /** Known non-opioids of the drug library. */
    public static final Set<String> NON_OPIOIDS = Set.of("ziconotide", "bupivacaine", "clonidine", "baclofen");
    /** Drugs whose abrupt stop is dangerous. */
    public static final Set<String> WITHDRAWAL_CRITICAL = Set.of("baclofen");

    private IntrathecalDrugs() {
    }

    /** Lower case, trimmed: {@code " Morphine "} and {@code "morphine"} are one drug. */
    public static String normalise(String drug) {
        return drug == null ? null : drug.trim().toLowerCase(Locale.ROOT);
    }

    /** True for a known opioid and for any code not known as a non-opioid. */
    public static boolean needsOpioidObservation(String drug) {
        String code = normalise(drug);
        return code != null && !code.isEmpty() && !NON_OPIOIDS.contains(code);
    }

    public static boolean isWithdrawalCritical(String drug) {
        return drug != null && WITHDRAWAL_CRITICAL.contains(normalise(drug));
    }
}
