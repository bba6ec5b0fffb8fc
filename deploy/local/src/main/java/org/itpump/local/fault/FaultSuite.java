package org.itpump.local.fault;

import org.itpump.infra.Infrastructure;
import org.itpump.infra.KafkaBroker;
import org.itpump.local.Options;
import org.itpump.local.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection (issue 6): N simulated patients driven through the whole pathway while a chaos thread
 * SIGKILLs and restarts each service and the broker at random points and restarts PostgreSQL once (pg_ctl stop -m fast); then an
 * oracle checks that nothing acknowledged or committed was lost or applied twice. A bad-input phase first sends
 * a corpus of malformed REST bodies (only 4xx problem+json allowed) and poison events (all must be
 * dead-lettered with a reason). Ends by itself: the drive stops at --deadline-minutes, the drain and oracle are
 * bounded, and a watchdog exits the JVM if anything hangs.
 *
 * With {@code --replicas} instances of every service (default 2, as in production: one outbox and one consumer
 * group per service, shared), PostgreSQL down for {@code --postgres-outage-seconds} (default 60) once, and an
 * order check of every pathway topic.
 *
 * <pre>deploy/local/fault-suite.sh [--patients 1000] [--workers 6] [--seed S] [--deadline-minutes 60]
 *     [--kill-rounds 2] [--chaos-min-seconds 8] [--chaos-max-seconds 60] [--no-chaos] [--replicas 2]
 *     [--postgres-outage-seconds 60]</pre>
 */
public final class FaultSuite {

    static final String PREFIX = "itpump_fault";
    static final List<String> SERVICES = List.copyOf(Platform.SERVICES.keySet());

    private static int chaosMin, chaosMax, killRounds, postgresOutageSeconds;
    private final Map<String, Integer> nextVictim = new java.util.concurrent.ConcurrentHashMap<>();
    private long lastProgress;
    private final Platform platform;
    private final Infrastructure infrastructure;
    private final AtomicInteger kills = new AtomicInteger(), restarts = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> chaosLog = new ConcurrentLinkedQueue<>();

    private FaultSuite(Platform platform, Infrastructure infrastructure) {
        this.platform = platform;
        this.infrastructure = infrastructure;
    }

    private static final String USAGE = """
            usage: deploy/local/fault-suite.sh [--patients 1000] [--workers 6] [--seed S] [--deadline-minutes 60]
                [--kill-rounds 2] [--chaos-min-seconds 8] [--chaos-max-seconds 60] [--no-chaos] [--replicas 2]
                [--postgres-outage-seconds 60]""";
    private static final Map<String, Options.Kind> OPTIONS = Options.known(
            "--patients", Options.Kind.NUMBER, "--workers", Options.Kind.NUMBER, "--seed", Options.Kind.NUMBER,
            "--deadline-minutes", Options.Kind.NUMBER, "--no-chaos", Options.Kind.FLAG,
            "--chaos-min-seconds", Options.Kind.NUMBER, "--chaos-max-seconds", Options.Kind.NUMBER,
            "--kill-rounds", Options.Kind.NUMBER, "--replicas", Options.Kind.NUMBER,
            "--postgres-outage-seconds", Options.Kind.NUMBER);

    public static void main(String[] args) throws Exception {
        Options options = Options.parseOrExit(args, OPTIONS, USAGE);
        int patients = options.number("--patients", 1000);
        int workers = options.number("--workers", 6);
        long seed = options.number("--seed", (int) (System.currentTimeMillis() % 100000));
        int deadlineMinutes = options.number("--deadline-minutes", 60);
        boolean chaos = !options.has("--no-chaos");
        chaosMin = options.number("--chaos-min-seconds", 8);
        chaosMax = Math.max(chaosMin + 1, options.number("--chaos-max-seconds", 60));
        killRounds = options.number("--kill-rounds", 2);
        int replicas = options.number("--replicas", 2);
        postgresOutageSeconds = options.number("--postgres-outage-seconds", 60);
        Path root = Path.of(System.getProperty("itpump.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("deploy/local/target/fault");
        Instant started = Instant.now();

        Thread watchdog = new Thread(() -> {
            RetryingClient.sleep(Duration.ofMinutes(deadlineMinutes + 20L).toMillis());
            System.err.println("\nFAULT SUITE WATCHDOG: still running after " + (deadlineMinutes + 20) + " min; exiting");
            System.exit(3);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        System.out.printf("Fault suite: %d patients, %d workers, seed %d, chaos %s, %d instance(s) of each service, "
                + "PostgreSQL outage %d s%n", patients, workers, seed, chaos ? "on" : "off", replicas, postgresOutageSeconds);
        Infrastructure infrastructure = Infrastructure.start(work.resolve("kafka"));
        System.out.println("  " + infrastructure.describe());
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        SERVICES.forEach(service -> {
            List<Integer> instancePorts = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                instancePorts.add(freePort());
            }
            ports.put(service, instancePorts);
        });
        Platform platform = Platform.startReplicas(infrastructure, root, work.resolve("logs"), PREFIX, true, ports,
                Map.of(), line -> { });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            infrastructure.close();
        }, "fault-stop"));
        System.out.printf("  platform up in %.1f s; logs in %s%n", Duration.between(started, Instant.now()).toMillis() / 1e3,
                work.resolve("logs"));
        FaultSuite suite = new FaultSuite(platform, infrastructure);
        int exit = 2;
        try {
            exit = suite.run(patients, workers, seed, chaos, Duration.ofMinutes(deadlineMinutes), started);
        } catch (Throwable e) {
            System.err.println("\nFault suite aborted: " + e);
            e.printStackTrace();
        } finally {
            System.exit(exit);
        }
    }

    private int run(int patients, int workers, long seed, boolean chaos, Duration deadline, Instant started) throws Exception {
        String token = platform.token("fault-suite", "clinician", "nurse", "scheduler", "pharmacist", "ops");
        RetryingClient api = new RetryingClient(token, Duration.ofMinutes(4));

        System.out.println("\n[1/4] Bad input");
        BadInput.Result bad = new BadInput(platform, api, infrastructure.kafkaBootstrapServers()).run(System.out);

        System.out.printf("%n[2/4] Driving %d patients%s%n", patients, chaos ? " under chaos" : "");
        long driveStart = System.nanoTime();
        Random random = new Random(seed);
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        List<PatientDriver.Patient> all = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            all.add(new PatientDriver.Patient(i, "FAULT-" + run + "-" + i, random.nextInt(10) < 7));
        }
        AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            pool.submit(() -> {
                PatientDriver driver = new PatientDriver(platform, api, run + "-" + worker, seed + worker);
                for (int i = next.getAndIncrement(); i < patients && !stop.get(); i = next.getAndIncrement()) {
                    driver.drive(all.get(i));
                    done.incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        Thread chaosThread = new Thread(() -> chaos(random, done, patients, pool), "chaos");
        if (chaos) {
            chaosThread.start();
        }
        Instant driveDeadline = Instant.now().plus(deadline);
        while (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
            progress(done.get(), patients, api);
            if (Instant.now().isAfter(driveDeadline)) {
                System.out.println("\n  deadline reached: stopping the drive");
                stop.set(true);
                pool.awaitTermination(6, TimeUnit.MINUTES);
                break;
            }
        }
        chaosThread.join(TimeUnit.MINUTES.toMillis(5));
        progress(done.get(), patients, api);
        double driveSeconds = (System.nanoTime() - driveStart) / 1e9;
        System.out.printf("%n  drive took %.0f s%n", driveSeconds);
        chaosLog.forEach(line -> System.out.println("  chaos: " + line));

        System.out.println("\n[3/4] Waiting for the outboxes to drain");
        long backlog = drain(Duration.ofMinutes(5));
        long parked = 0;
        for (String service : SERVICES) {
            parked += Oracle.count(infrastructure.postgres(), database(service), "select count(*) from outbox_event where parked_at is not null");
        }
        System.out.println("  unpublished outbox events: " + backlog + ", parked (Kafka can never take them): " + parked);

        System.out.println("\n[4/4] Oracle");
        OrderCheck.Result order = OrderCheck.check(infrastructure.kafkaBootstrapServers(), List.of(
                "itpump.trial.events", "itpump.implant.events", "itpump.dosing.events", "itpump.followup.events"));
        System.out.printf("  order: %d records of %d pathways read from the four topics, %d out of order; %d extra copies"
                + " of an event id (at most %d of one)%n", order.records(), order.pathways(), order.outOfOrder().size(),
                order.extraCopies(), order.maxCopies());
        order.outOfOrder().stream().limit(10).forEach(line -> System.out.println("    out of order: " + line));
        Oracle.Verdict verdict = new Oracle(platform, api, infrastructure.postgres(), PREFIX).check(all, Duration.ofMinutes(3));
        verdict.details().stream().limit(30).forEach(line -> System.out.println("  " + line));

        long abandoned = all.stream().filter(p -> p.error != null).count();
        all.stream().filter(p -> p.error != null).limit(10)
                .forEach(p -> System.out.println("  abandoned patient " + p.index + ": " + p.error));
        System.out.println("\n  model (what was acknowledged) vs what the services report:");
        System.out.println("  source      failed  passed  implanted  programmed  monitored  escalated");
        System.out.println("  " + verdict.model().row("model"));
        System.out.println("  " + verdict.reported().row("reported"));

        boolean chaosHeld = verdict.lost() == 0 && verdict.duplicated() == 0 && backlog == 0 && parked == 0 && abandoned == 0
                && done.get() == patients && verdict.model().equals(verdict.reported()) && order.outOfOrder().isEmpty();
        boolean restHeld = bad.rest5xx() == 0 && bad.restNotProblem() == 0 && bad.restAccepted() == 0 && bad.restNoAnswer() == 0;
        boolean eventsHeld = bad.deadLettered() == bad.deadLetterExpected() && bad.deadLetterNoReason() == 0;
        boolean passed = chaosHeld && restHeld && eventsHeld;
        System.out.println("\n  +----------------------+-----------+");
        row("patients", patients);
        row("completed drives", patients - abandoned - (patients - done.get()));
        row("abandoned", abandoned + (patients - done.get()));
        row("kills", kills.get());
        row("restarts", restarts.get());
        row("lost", verdict.lost());
        row("duplicated", verdict.duplicated());
        row("5xx answers", api.serverErrors.get() + bad.rest5xx());
        row("  of which bad input", bad.rest5xx());
        row("connection errors", api.connectionErrors.get());
        row("bad REST bodies", bad.restSent());
        row("  4xx problem+json", bad.restSent() - bad.rest5xx() - bad.restNotProblem() - bad.restAccepted()
                - bad.restAcceptedByDesign() - bad.restNoAnswer());
        row("  4xx not problem", bad.restNotProblem());
        row("  accepted (2xx)", bad.restAccepted());
        row("  accepted by design", bad.restAcceptedByDesign());
        row("  no answer", bad.restNoAnswer());
        row("poison events sent", bad.eventsSent());
        row("dead-lettered", bad.deadLettered());
        row("  expected", bad.deadLetterExpected());
        row("  without reason", bad.deadLetterNoReason());
        row("outbox backlog", backlog);
        row("out of order", order.outOfOrder().size());
        row("extra copies", order.extraCopies());
        System.out.println("  +----------------------+-----------+");
        System.out.printf("  chaos oracle (lost, duplicated, model = reported, drained, order):  %s%n", chaosHeld ? "held" : "VIOLATED");
        System.out.printf("  bad REST input (only 4xx problem+json):                          %s%n", restHeld ? "held" : "VIOLATED");
        System.out.printf("  poison events (all dead-lettered with a reason):                  %s%n", eventsHeld ? "held" : "VIOLATED");
        System.out.printf("  %s in %.0f s (drive %.0f s)%n", passed ? "PASSED" : "FAILED",
                Duration.between(started, Instant.now()).toMillis() / 1e3, driveSeconds);
        return passed ? 0 : 1;
    }

    private static void row(String label, long value) {
        System.out.printf("  | %-20s | %9d |%n", label, value);
    }

    /**
     * Kills at random points of the drive, placed by progress so that every target is hit while patients are in
     * flight however fast the drive goes: {@code --kill-rounds} shuffled rounds of the four services and the
     * broker, and PostgreSQL once, each at a random fraction of the patients; at least
     * {@code --chaos-min-seconds} between kills, and a kill at least every {@code --chaos-max-seconds} seconds
     * beyond the planned ones while the drive goes on.
     */
    private void chaos(Random random, AtomicInteger done, int patients, ExecutorService drive) {
        List<String> plan = new ArrayList<>();
        for (int round = 0; round < killRounds; round++) {
            List<String> targets = new ArrayList<>(SERVICES);
            targets.add("kafka");
            Collections.shuffle(targets, random);
            plan.addAll(targets);
        }
        plan.add(1 + random.nextInt(plan.size()), "postgresql");
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            points.add((int) (patients * (0.05 + 0.85 * random.nextDouble())));
        }
        Collections.sort(points);
        Instant begun = Instant.now();
        Instant lastKill = Instant.now();
        int k = 0;
        while (!drive.isTerminated()) {
            boolean planned = k < plan.size() && done.get() >= points.get(k);
            boolean overdue = k >= plan.size() && Duration.between(lastKill, Instant.now()).toSeconds() >= chaosMax;
            if ((planned || overdue) && Duration.between(lastKill, Instant.now()).toSeconds() >= chaosMin) {
                String target = planned ? plan.get(k++) : (random.nextInt(6) == 0 ? "kafka" : SERVICES.get(random.nextInt(4)));
                crash(target, begun);
                lastKill = Instant.now();
            }
            if (!sleepUnlessDone(drive, 250)) {
                return;
            }
        }
    }

    private void crash(String target, Instant begun) {
        long t0 = System.nanoTime();
        try {
            kills.incrementAndGet();
            switch (target) {
                case "kafka" -> {
                    KafkaBroker broker = infrastructure.broker().orElseThrow(() -> new IllegalStateException("external broker"));
                    broker.kill();
                    RetryingClient.sleep(1000 + new Random().nextInt(4000));
                    broker.restart();
                }
                case "postgresql" -> infrastructure.postgres().restartEmbedded(Duration.ofSeconds(90), false,
                        Duration.ofSeconds(postgresOutageSeconds));
                default -> {
                    // replicas take turns, so that every instance is killed in some round
                    int instance = Math.floorMod(nextVictim.merge(target, 1, Integer::sum) - 1, platform.instances(target));
                    platform.crashAndRestart(target, instance);
                    target = target + "#" + (instance + 1);
                }
            }
            restarts.incrementAndGet();
            chaosLog.add(String.format("t+%4ds  %s %-19s back in %.1f s", Duration.between(begun, Instant.now()).toSeconds(),
                    target.equals("postgresql") ? "fast stop, " + postgresOutageSeconds + " s down, start" : "SIGKILL + restart",
                    target, (System.nanoTime() - t0) / 1e9));
        } catch (RuntimeException e) {
            chaosLog.add("FAILED to crash/restart " + target + ": " + e.getMessage());
        }
    }

    private static boolean sleepUnlessDone(ExecutorService drive, long millis) {
        try {
            return !drive.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until every service's outbox has no unpublished event; returns what is left at the time-out. */
    private long drain(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long backlog;
        while ((backlog = unpublished()) > 0 && Instant.now().isBefore(deadline)) {
            RetryingClient.sleep(500);
        }
        return backlog;
    }

    long unpublished() {
        long total = 0;
        for (String service : SERVICES) {
            total += Oracle.count(infrastructure.postgres(), database(service),
                    "select count(*) from outbox_event where published_at is null and parked_at is null");
        }
        return total;
    }

    static String database(String service) {
        return PREFIX + "_" + service.replace("-service", "");
    }

    private void progress(int done, int total, RetryingClient api) {
        boolean tty = System.console() != null;
        if (!tty && System.nanoTime() - lastProgress < 30_000_000_000L && done < total) {
            return;
        }
        lastProgress = System.nanoTime();
        System.out.printf((tty ? "\r" : "\n") + "  %d/%d patients  kills %d  restarts %d  retries %d  5xx %d   ", done, total, kills.get(),
                restarts.get(), api.retries.get(), api.serverErrors.get());
        System.out.flush();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
