-- The drug library's first version (drug-library/drug-library-v1.json, byte for byte), seeded here before the service
-- starts instead of by the service at start-up on the Vert.x event loop (issue 17). A database that the service
-- already seeded keeps its version 1. (The leading brace is a literal of its own: the dollar quote followed by a brace would read to Flyway as a
-- placeholder.)
insert into drug_library_version (version, document, created_at)
values (1, '{' || $seed$
  "version": 1,
  "title": "Intrathecal pump drug library",
  "limitPolicy": "HARD limits are maxConcentrationPerMl and maxDailyDose: a concentration or daily dose above one is refused (exactly at it is allowed); for a patient-activated bolus program the total possible daily dose (daily dose + max boluses per day x bolus dose) is held to maxDailyDose too. The SOFT limit is startingDailyDose.max: a total possible daily dose above it stands only with a recorded override reason. maxDailyDose \"none\" means the cited source gives no upper limit; none is invented. Doses are per day in the drug's unit (mg or mcg); concentrations are in that unit per mL. Stability days bound the refill date; null means no figure is cited here and only the low-reservoir alarm bounds it. refillSafetyMarginDays: the refill falls due at least this many whole days before the reservoir reaches the pump's low-reservoir alarm volume, planned from the volume left now; a withdrawal-critical drug has the larger margin. maxDecreasePercentWithoutReason (withdrawal-critical drugs only): a cut of the daily dose by more than this percentage of the dose in force needs a recorded override reason. Doses below startingDailyDose.min need a reason too (a 1000-fold mg/mcg slip lands there). The margins and the 20 % decrease figure are hospital policy, not from a cited source: 1 day for every drug, 2 days for baclofen, to be confirmed by the pharmacist. minHoursBetweenIncreases: the least time between two increases of the total possible daily dose; firstIncreaseAfterHours: no increase before this long after the first program (ziconotide: PRIALT-PI says 24 h at least, the EU SmPC recommends 48 h; baclofen: no step in the first 24 h, then one per 24 h). maxBolusDose: a HARD limit on a single patient-activated bolus (morphine 1 mg, hospital policy to be confirmed by the pharmacist; other drugs none yet). firstFillConcentrationPerMl: the only concentration a first fill may have (ziconotide 25 mcg/mL, PRIALT-PI).",
  "sources": {
    "PCC2017": "Deer TR, Pope JE, Hayek SM, et al. The Polyanalgesic Consensus Conference (PCC): Recommendations on Intrathecal Drug Infusion Systems Best Practices and Guidelines. Neuromodulation 2017;20(2):96-132. Tables of recommended starting dosages (continuous infusion) and of maximum concentrations and daily doses.",
    "PRIALT-PI": "PRIALT (ziconotide) solution, intrathecal infusion. US prescribing information, sections 2 (Dosage and Administration) and 10 (Overdosage).",
    "LIORESAL-PI": "Lioresal Intrathecal (baclofen injection). US prescribing information (Saol Therapeutics, January 2019), Dosage and Administration and boxed warning.",
    "GABLOFEN-PI": "Gablofen (baclofen injection) for intrathecal use. US prescribing information, Dosage and Administration and How Supplied."
  },
  "reviewNote": "The figures were written from the engineer's knowledge of these tables and labels, not copied from a verified copy of each. Every 'note' marks a figure to be confirmed by the clinical pharmacist before clinical use.",
  "drugs": [
    {
      "code": "morphine",
      "name": "Morphine sulfate (preservative-free)",
      "unit": "mg",
      "maxConcentrationPerMl": 20,
      "maxDailyDose": 15,
      "startingDailyDose": {
        "min": 0.1,
        "max": 0.5
      },
      "stability": {
        "refillDays": 90,
        "source": "Commonly applied reservoir limit for preservative-free morphine in implanted pumps.",
        "note": "90 days is the figure commonly applied (and given in the issue); not traced here to a primary stability study or label: confirm against the product and pump labeling."
      },
      "titration": null,
      "withdrawalCritical": false,
      "refillSafetyMarginDays": 1,
      "source": "PCC2017: maximum concentration 20 mg/mL, maximum daily dose 15 mg/day; starting dose for continuous infusion 0.1-0.5 mg/day.",
      "maxBolusDose": 1
    },
    {
      "code": "hydromorphone",
      "name": "Hydromorphone hydrochloride (preservative-free)",
      "unit": "mg",
      "maxConcentrationPerMl": 15,
      "maxDailyDose": 4,
      "startingDailyDose": {
        "min": 0.01,
        "max": 0.15
      },
      "stability": {
        "refillDays": 90,
        "source": "Commonly applied reservoir limit for hydromorphone in implanted pumps.",
        "note": "As for morphine: commonly applied, not traced here to a primary stability study: confirm."
      },
      "titration": null,
      "withdrawalCritical": false,
      "refillSafetyMarginDays": 1,
      "source": "PCC2017: maximum concentration 15 mg/mL, maximum daily dose 4 mg/day; starting dose for continuous infusion 0.01-0.15 mg/day.",
      "note": "maxDailyDose 4 mg/day is the PCC 2017 figure as recalled (the 2012 PCC gave 10 mg/day): confirm."
    },
    {
      "code": "fentanyl",
      "name": "Fentanyl citrate (preservative-free)",
      "unit": "mcg",
      "maxConcentrationPerMl": 10000,
      "maxDailyDose": "none",
      "startingDailyDose": {
        "min": 25,
        "max": 75
      },
      "stability": {
        "refillDays": null,
        "note": "No reservoir stability figure cited here."
      },
      "titration": null,
      "withdrawalCritical": false,
      "refillSafetyMarginDays": 1,
      "source": "PCC2017: maximum concentration 10 mg/mL (10000 mcg/mL), maximum daily dose: no known upper limit; starting dose for continuous infusion 25-75 mcg/day.",
      "note": "The 10 mg/mL maximum (compounded; the commercial product is 50 mcg/mL) is as recalled from the PCC tables: confirm."
    },
    {
      "code": "sufentanil",
      "name": "Sufentanil citrate (preservative-free)",
      "unit": "mcg",
      "maxConcentrationPerMl": 5000,
      "maxDailyDose": "none",
      "startingDailyDose": {
        "min": 10,
        "max": 20
      },
      "stability": {
        "refillDays": null,
        "note": "No reservoir stability figure cited here."
      },
      "titration": null,
      "withdrawalCritical": false,
      "refillSafetyMarginDays": 1,
      "source": "PCC2017: maximum concentration 5 mg/mL (5000 mcg/mL), maximum daily dose: no known upper limit; starting dose for continuous infusion 10-20 mcg/day.",
      "note": "The 5 mg/mL maximum (compounded) is as recalled from the PCC tables: confirm."
    },
    {
      "code": "ziconotide",
      "name": "Ziconotide (Prialt)",
      "unit": "mcg",
      "maxConcentrationPerMl": 100,
      "maxDailyDose": 19.2,
      "startingDailyDose": {
        "min": 0.5,
        "max": 1.2,
        "note": "PCC 2017 recommends 0.5-1.2 mcg/day; the PI allows starting at up to 2.4 mcg/day. The more conservative PCC maximum is the soft limit, so a 2.4 mcg/day start needs an override reason."
      },
      "stability": {
        "refillDays": 60,
        "firstFillDays": 14,
        "dilutedRefillDays": 40,
        "source": "PRIALT-PI: the first fill of a naive pump is replaced within 14 days (adsorption to the device, dilution by residual fluid); refills of diluted PRIALT within 40 days.",
        "note": "Label versions differ for undiluted refills: an older PI gives 60 days, a later one 84 days. The shorter 60 days is kept (an earlier refill is the safe side) until the pharmacist confirms the label in force."
      },
      "titration": {
        "maxStepIncrease": 2.4,
        "maxIncreases": 3,
        "windowDays": 7,
        "source": "PRIALT-PI: titrate in increments of up to 2.4 mcg/day (0.1 mcg/h) at intervals of no more than 2-3 times per week, to at most 19.2 mcg/day (0.8 mcg/h).",
        "note": "At most 3 increases in any rolling 7 days is the issue's reading of '2-3 times per week'."
      },
      "withdrawalCritical": false,
      "refillSafetyMarginDays": 1,
      "source": "PCC2017: maximum concentration 100 mcg/mL, maximum daily dose 19.2 mcg/day, starting dose 0.5-1.2 mcg/day. PRIALT-PI: maximum recommended dose 19.2 mcg/day; 100 mcg/mL is the highest strength supplied.",
      "minHoursBetweenIncreases": 24,
      "firstFillConcentrationPerMl": 25
    },
    {
      "code": "bupivacaine",
      "name": "Bupivacaine hydrochloride (preservative-free)",
      "unit": "mg",
      "maxConcentrationPerMl": 30,
      "maxDailyDose": 15,
      "startingDailyDose": {
        "min": 0.01,
        "max": 4
      },
      "stability": {
        "refillDays": null,
        "note": "No reservoir stability figure cited here."
      },
      "titration": null,
      "withdrawalCritical": false,
      "refillSafetyMarginDays": 1,
      "source": "PCC2017: maximum concentration 30 mg/mL, maximum daily dose 15-20 mg/day; starting dose for continuous infusion 0.01-4 mg/day.",
      "note": "PCC 2017 gives the maximum daily dose as a range (15-20 mg/day, as recalled; the 2012 PCC gave 10 mg/day). A hard limit needs one figure: the lower end, 15 mg/day, is used. Confirm."
    },
    {
      "code": "clonidine",
      "name": "Clonidine hydrochloride (preservative-free)",
      "unit": "mcg",
      "maxConcentrationPerMl": 1000,
      "maxDailyDose": 600,
      "startingDailyDose": {
        "min": 20,
        "max": 100
      },
      "stability": {
        "refillDays": null,
        "note": "No reservoir stability figure cited here."
      },
      "titration": null,
      "withdrawalCritical": false,
      "refillSafetyMarginDays": 1,
      "source": "PCC2017: maximum concentration 1000 mcg/mL, maximum daily dose 600 mcg/day; starting dose for continuous infusion 20-100 mcg/day.",
      "note": "Abrupt withdrawal of clonidine can cause rebound hypertension; it is not marked withdrawal-critical here (the issue names baclofen only): for clinical review."
    },
    {
      "code": "baclofen",
      "name": "Baclofen (Lioresal Intrathecal, Gablofen)",
      "unit": "mcg",
      "maxConcentrationPerMl": 2000,
      "maxDailyDose": "none",
      "startingDailyDose": {
        "min": 50,
        "max": 200,
        "note": "Derived from the labels: the first implant dose is twice the screening bolus that worked (screening boluses are 50, 75 or 100 mcg), or the screening dose itself if its effect lasted over 8 h, given over 24 h: 50-200 mcg/day."
      },
      "stability": {
        "refillDays": null,
        "note": "No reservoir stability figure cited here: confirm against the product and pump labeling."
      },
      "titration": {
        "byIndication": {
          "SPASTICITY_OF_SPINAL_ORIGIN": {
            "maxIncreasePercent": 30,
            "windowHours": 24,
            "usualIncreasePercent": "10-30"
          },
          "SPASTICITY_OF_CEREBRAL_ORIGIN": {
            "maxIncreasePercent": 15,
            "windowHours": 24,
            "usualIncreasePercent": "5-15"
          }
        },
        "source": "LIORESAL-PI / GABLOFEN-PI, Dosage and Administration (maintenance titration): after the first 24 h, the daily dose is increased slowly, spasticity of spinal cord origin by 10-30 % increments and spasticity of cerebral origin by 5-15 % increments, only once every 24 h.",
        "note": "The program's indication picks the ceiling (30 % or 15 %); a baclofen program without one is refused. The lower ends (10 %, 5 %) are the labels' usual step, shown here for people and not enforced: a smaller step is the safe side. Figures as recalled: to be confirmed by the pharmacist."
      },
      "withdrawalCritical": true,
      "refillSafetyMarginDays": 2,
      "maxDecreasePercentWithoutReason": 20,
      "source": "LIORESAL-PI: strengths 50, 500 and 2000 mcg/mL; GABLOFEN-PI: 50, 500, 1000 and 2000 mcg/mL. Maintenance usually 300-800 mcg/day (spinal origin) or 90-703 mcg/day (cerebral origin); no maximum daily dose is labeled. Boxed warning: abrupt discontinuation can progress to rhabdomyolysis, multiple organ-system failure and death.",
      "note": "maxDailyDose is none because the labels give no upper limit; they report limited experience above 1000 mcg/day. Baclofen is not in the PCC pain tables (it treats spasticity). A 3000 mcg/mL Gablofen strength may exist in later labels; it is not included.",
      "minHoursBetweenIncreases": 24,
      "firstIncreaseAfterHours": 24
    }
  ]
}
$seed$, now())
on conflict (version) do nothing;
