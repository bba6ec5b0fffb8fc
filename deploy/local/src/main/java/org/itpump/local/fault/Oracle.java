package org.itpump.local.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.itpump.infra.PostgresServer;
import org.itpump.local.Platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks after the storm, as in Kafka's replication tests: every acknowledged change is present (REST, per
 * patient), every committed event reached its consumers and none was applied twice (SQL across the four
 * databases: each passed trial has exactly one implant case; each completed implant exactly one therapy and
 * one monitoring plan), and the counts per final state equal the model of what was acknowledged.
 */
final class Oracle {

    record Summary(long failed, long passed, long implanted, long programmed, long monitored, long escalated) {
        String row(String label) {
            return String.format("%-9s %7d %7d %10d %11d %10d %10d", label, failed, passed, implanted, programmed, monitored, escalated);
        }
    }

    record Verdict(long lost, long duplicated, Summary model, Summary reported, List<String> details) {
    }

    private final Platform platform;
    private final RetryingClient api;
    private final PostgresServer postgres;
    private final String prefix;

    Oracle(Platform platform, RetryingClient api, PostgresServer postgres, String prefix) {
        this.platform = platform;
        this.api = api;
        this.postgres = postgres;
        this.prefix = prefix;
    }

    /** Repeats until the verdict is clean or the time-out (consumers may still be catching up), then returns it. */
    Verdict check(List<PatientDriver.Patient> patients, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Verdict verdict = once(patients);
        while ((verdict.lost() > 0 || !verdict.model().equals(verdict.reported())) && Instant.now().isBefore(deadline)) {
            RetryingClient.sleep(5000);
            verdict = once(patients);
        }
        return verdict;
    }

    private Verdict once(List<PatientDriver.Patient> patients) {
        List<String> details = new ArrayList<>();
        long[] lost = {0};
        long[] duplicated = {0};
        // 1. Every committed event reached its consumers exactly once (whole databases, including orphans of retries).
        Set<String> passedTrials = ids("trial", "select id::text from trial where status = 'PASSED'");
        Map<String, Integer> casesPerTrial = grouped("implant", "select trial_id::text, count(*) from implant_case group by trial_id");
        Set<String> completedCases = ids("implant", "select id::text from implant_case where status in ('COMPLETED', 'EXPLANTED')");
        Map<String, Integer> therapies = grouped("dosing", "select implant_case_id::text, count(*) from pump_therapy group by implant_case_id");
        Map<String, Integer> plans = grouped("followup", "select implant_case_id::text, count(*) from monitoring_plan group by implant_case_id");
        exactlyOnce("trial.passed -> implant case", passedTrials, casesPerTrial, lost, duplicated, details);
        exactlyOnce("implant.completed -> therapy", completedCases, therapies, lost, duplicated, details);
        exactlyOnce("implant.completed -> monitoring plan", completedCases, plans, lost, duplicated, details);
        casesPerTrial.keySet().stream().filter(t -> !passedTrials.contains(t))
                .forEach(t -> details.add("implant case for a trial that did not pass: " + t));
        // 2. Every acknowledged change is present, per patient, over REST.
        long failed = 0, passed = 0, implanted = 0, programmed = 0, monitored = 0, escalated = 0;
        long mFailed = 0, mPassed = 0, mImplanted = 0, mProgrammed = 0, mMonitored = 0, mEscalated = 0;
        JsonNode open = api.getAll(url("followup-service", "/escalations?open=true&limit=200"));
        Set<String> escalatedPlans = new HashSet<>();
        open.forEach(e -> escalatedPlans.add(e.path("planId").asText()));
        for (PatientDriver.Patient p : patients) {
            mFailed += "FAILED".equals(p.decided) ? 1 : 0;
            mPassed += "PASSED".equals(p.decided) ? 1 : 0;
            mImplanted += p.completed ? 1 : 0;
            mProgrammed += p.programmed ? 1 : 0;
            mMonitored += p.completed ? 1 : 0;
            mEscalated += p.escalated ? 1 : 0;
            if (p.trialId == null) {
                continue;
            }
            RetryingClient.Answer trial = api.get(url("trial-service", "/trials/" + p.trialId));
            String status = trial.body().path("status").asText();
            if (!trial.ok() || (p.decided != null && !p.decided.equals(status))) {
                lost[0]++;
                details.add("patient " + p.index + ": trial " + p.trialId + " acknowledged " + p.decided + ", now " + trial.status() + " " + status);
            }
            failed += "FAILED".equals(status) ? 1 : 0;
            passed += "PASSED".equals(status) ? 1 : 0;
            if (p.pathwayId == null || p.pathwayId.isEmpty()) {
                continue;
            }
            JsonNode cases = api.get(url("implant-service", "/implant-cases?pathwayId=" + p.pathwayId)).body();
            String caseStatus = cases.size() > 0 ? cases.get(0).path("status").asText() : "";
            implanted += "COMPLETED".equals(caseStatus) ? 1 : 0;
            if ((p.booked && !Set.of("SCHEDULED", "COMPLETED").contains(caseStatus)) || (p.completed && !"COMPLETED".equals(caseStatus))) {
                lost[0]++;
                details.add("patient " + p.index + ": case " + p.caseId + " is '" + caseStatus + "' after an acknowledged "
                        + (p.completed ? "completion" : "booking"));
            }
            for (JsonNode therapy : api.get(url("dosing-service", "/pump-therapies?pathwayId=" + p.pathwayId)).body()) {
                boolean has = api.get(url("dosing-service", "/pump-therapies/" + therapy.path("therapyId").asText() + "/programs"))
                        .body().size() > 0;
                programmed += has ? 1 : 0;
                if (p.programmed && !has) {
                    lost[0]++;
                    details.add("patient " + p.index + ": acknowledged pump program missing");
                }
            }
            for (JsonNode plan : api.get(url("followup-service", "/monitoring-plans?pathwayId=" + p.pathwayId)).body()) {
                monitored++;
                boolean has = escalatedPlans.contains(plan.path("planId").asText());
                escalated += has ? 1 : 0;
                if (p.escalated && !has) {
                    lost[0]++;
                    details.add("patient " + p.index + ": acknowledged complication has no open escalation");
                }
            }
        }
        return new Verdict(lost[0], duplicated[0], new Summary(mFailed, mPassed, mImplanted, mProgrammed, mMonitored, mEscalated),
                new Summary(failed, passed, implanted, programmed, monitored, escalated), details);
    }

    private static void exactlyOnce(String what, Set<String> causes, Map<String, Integer> effects, long[] lost,
                                    long[] duplicated, List<String> details) {
        long missing = 0, twice = 0;
        for (String cause : causes) {
            int n = effects.getOrDefault(cause, 0);
            if (n == 0) {
                missing++;
            } else if (n > 1) {
                twice += n - 1;
            }
        }
        lost[0] += missing;
        duplicated[0] += twice;
        details.add(String.format("%-38s %5d committed, %d missing, %d applied twice", what, causes.size(), missing, twice));
    }

    private String url(String service, String path) {
        return platform.url(service) + path;
    }

    private Set<String> ids(String db, String sql) {
        Set<String> ids = new HashSet<>();
        query(db, sql, rs -> ids.add(rs.getString(1)));
        return ids;
    }

    private Map<String, Integer> grouped(String db, String sql) {
        Map<String, Integer> counts = new HashMap<>();
        query(db, sql, rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String db, String sql, Row row) {
        try (Connection c = postgres.connect(prefix + "_" + db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(PostgresServer postgres, String database, String sql) {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + e.getMessage(), e);
        }
    }
}
