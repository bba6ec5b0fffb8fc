package org.itpump.local.bench;

import org.itpump.infra.Infrastructure;
import org.itpump.local.Demo;
import org.itpump.local.Options;
import org.itpump.local.Platform;
import org.itpump.local.ServiceProcess;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Benchmark (issue 6): pathway hop latency (trial decision's REST answer -> implant case committed, then read over REST),
 * sustained decisions per second, a backlog of trial.passed events drained by implant-service, REST reads of a
 * case; beside the ceilings on the same machine in the same run: pgbench (single-row commit and the consumer's
 * transaction shape), a Kafka producer on the same broker, and the bare Quarkus /q/health/live endpoint.
 * Writes deploy/local/target/bench/results.txt and latency-histogram.png. This class starts the platform and runs the
 * phases; {@link Workloads} drives the platform, {@link Ceilings} measures the machine, {@link Report} writes it up.
 *
 * <pre>deploy/local/benchmark.sh [--trials 1000] [--throughput-trials 1000] [--backlog 50000] [--seconds 20]
 *     [--phases startup,hop,sustained,backlog,reads]</pre>
 */
public final class Benchmark {

    private static final String USAGE = """
            usage: deploy/local/benchmark.sh [--trials 1000] [--throughput-trials 1000] [--backlog 50000] [--seconds 20]
                [--phases startup,hop,sustained,backlog,reads]""";
    private static final Set<String> PHASES = Set.of("startup", "hop", "sustained", "backlog", "reads");
    private static final Map<String, Options.Kind> OPTIONS = Options.known("--trials", Options.Kind.NUMBER,
            "--throughput-trials", Options.Kind.NUMBER, "--backlog", Options.Kind.NUMBER, "--seconds", Options.Kind.NUMBER,
            "--phases", Options.Kind.TEXT);

    private final Platform platform;
    private final Report report = new Report();
    private final Workloads workloads;
    private final Ceilings ceilings;

    private Benchmark(Platform platform, Infrastructure infrastructure) {
        this.platform = platform;
        this.workloads = new Workloads(platform, infrastructure, report);
        this.ceilings = new Ceilings(infrastructure, report);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parseOrExit(args, OPTIONS, USAGE);
        int trials = options.number("--trials", 1000);
        int throughputTrials = options.number("--throughput-trials", 1000);
        int backlog = options.number("--backlog", 50000);
        int seconds = options.number("--seconds", 20);
        Set<String> phases = Set.of(options.text("--phases", "startup,hop,sustained,backlog,reads").split(","));
        if (!PHASES.containsAll(phases)) {
            System.err.println("error: --phases takes a subset of " + new TreeSet<>(PHASES) + ", not " + phases);
            System.err.println(USAGE);
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("itpump.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("deploy/local/target/bench");
        Files.createDirectories(work);
        Infrastructure infrastructure = Infrastructure.start(work.resolve("kafka"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        Platform.SERVICES.keySet().forEach(service -> ports.put(service, freePort()));
        String training = "none (JDK before 25, or ITPUMP_AOT_TRAINING=0)";
        if (ServiceProcess.aotCapable() && !"0".equals(System.getenv("ITPUMP_AOT_TRAINING"))) {
            // Ctrl-C or kill while training: the broker and PostgreSQL go with it (train() stops its own services)
            Thread stopInfrastructure = new Thread(infrastructure::close, "benchmark-training-cleanup");
            Runtime.getRuntime().addShutdownHook(stopInfrastructure);
            try {
                training = train(infrastructure, root, work, ports);
            } catch (Exception failed) { // the build's caches then: measured, and said so
                failed.printStackTrace();
                training = "FAILED (" + failed + "): the build's caches are used";
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopInfrastructure);
            }
        }
        long t0 = System.nanoTime();
        Platform platform = Platform.start(infrastructure, root, work.resolve("logs"), "itpump_bench", true, ports,
                Map.of("itpump.timers.poll-interval", "1h"), line -> { });
        // Ctrl-C or kill: stop the services, the broker and PostgreSQL too, or they would load the next run.
        Thread cleanup = new Thread(() -> {
            platform.close();
            infrastructure.close();
        }, "benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        int exit = 1;
        try {
            Benchmark bench = new Benchmark(platform, infrastructure);
            bench.report.line("# itpump benchmark %s", OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
            bench.report.line("machine: %d cores, %s, %s; %s", Runtime.getRuntime().availableProcessors(), Report.cpuModel(),
                    Report.memTotal(), infrastructure.describe());
            bench.report.line("AOT training run before the measured starts: %s", training);
            bench.report.line("platform (4 services) up in %.1f s; migrations first (launcher step, the four in parallel): %s ms",
                    (System.nanoTime() - t0) / 1e9, platform.migrationMillis());
            Thread.sleep(1000);
            Map<String, Startup> together = bench.startupAndRss(work.resolve("logs"), ports, "all four starting together on 2 cores");
            if (phases.contains("startup")) {
                Startup hello = bench.helloCeiling(root, work.resolve("logs"));
                if (hello == null) {
                    throw new IllegalStateException("deploy/local/hello/target/quarkus-app is missing: build the platform first");
                }
                Map<String, Startup> alone = bench.startAloneAndRss(work.resolve("logs"), ports);
                Startup helloAgain = bench.helloCeiling(root, work.resolve("logs"));
                Startup ceiling = new Startup((hello.readyMillis() + helloAgain.readyMillis()) / 2, hello.startedIn(),
                        new Memory((hello.memory().rssMb() + helloAgain.memory().rssMb()) / 2,
                                (hello.memory().pssMb() + helloAgain.memory().pssMb()) / 2));
                bench.startupRatios(together, alone, ceiling);
            }
            bench.blockedEventLoops("start-up");
            bench.run(trials, throughputTrials, backlog, seconds, work, phases);
            bench.report.write(work.resolve("results.txt"));
            exit = 0;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            platform.close();
            infrastructure.close();
            System.exit(exit);
        }
    }

    private void run(int trials, int throughputTrials, int backlog, int seconds, Path work, Set<String> phases)
            throws Exception {
        if (Set.of("startup").containsAll(phases)) {
            return;
        }
        // Ceilings first, on a quiet platform.
        double bare = workloads.readRate(platform.managementUrl("implant-service") + "/q/health/live", 4, seconds);
        report.line("ceiling  bare Quarkus GET /q/health/live (implant-service, 4 clients): %.0f req/s", bare);
        Ceilings.PgbenchResult single = ceilings.pgbench("single-row commit", "insert into bench_row(v) values (1);", 4, seconds);
        Ceilings.PgbenchResult shape1 = ceilings.pgbench("consumer shape, 1 client", Ceilings.SHAPE, 1, seconds);
        Ceilings.PgbenchResult shape4 = ceilings.pgbench("consumer shape, 4 clients", Ceilings.SHAPE, 4, seconds);
        double produce = ceilings.producerRate(200_000, 512);
        report.line("ceiling  Kafka's ProducerPerformance on the same broker (acks=all, idempotent, 512 B records): %.0f records/s",
                produce);
        double[] kafkaHop = ceilings.kafkaRoundTrips(300);
        workloads.kafkaAlone(kafkaHop);
        report.line("ceiling  Kafka alone, produce (acks=all) -> a waiting consumer has it, one record at a time: p50 %.2f ms, "
                + "p99 %.2f ms", Report.pct(kafkaHop, 50), Report.pct(kafkaHop, 99));

        if (phases.contains("hop")) {
            workloads.hop(trials, work);
            blockedEventLoops("the hop phase");
        }
        if (phases.contains("sustained")) {
            workloads.sustained(throughputTrials);
            blockedEventLoops("the sustained phase");
        }
        if (phases.contains("backlog")) {
            workloads.backlog(backlog, shape1, shape4);
            blockedEventLoops("the backlog phase");
        }
        if (phases.contains("reads")) {
            workloads.reads(seconds, bare);
            blockedEventLoops("the reads phase");
        }
        report.line("single-row commit (pgbench, 4 clients): %.0f tps; Kafka produce %.0f records/s", single.tps(), produce);
    }

    /**
     * The training run (JDK 25+, issue 17's start-up lever): every app, the hello app included so that it is still
     * "started the same way", is started once with {@code -XX:AOTCacheOutput} on databases of its own, does a little
     * of its real work (the demo's patients: REST calls, events, reads; the hello app its GET), and is stopped; each
     * writes {@code app-trained.aot} on the way out, which every measured start then reads. Set
     * ITPUMP_AOT_TRAINING=0 to measure with the build's caches only.
     *
     * @return what was trained, for the report
     */
    private static String train(Infrastructure infrastructure, Path root, Path work, Map<String, Integer> ports)
            throws Exception {
        long started = System.nanoTime();
        Path hello = root.resolve("deploy/local/hello/target/quarkus-app/quarkus-run.jar");
        for (String service : Platform.SERVICES.keySet()) {
            Files.deleteIfExists(root.resolve(service).resolve("target/quarkus-app/" + ServiceProcess.TRAINED_CACHE));
        }
        Files.deleteIfExists(hello.resolveSibling(ServiceProcess.TRAINED_CACHE));
        System.setProperty(ServiceProcess.TRAINING, "true");
        try {
            Platform platform = Platform.start(infrastructure, root, work.resolve("training-logs"), "itpump_training", true,
                    ports, Map.of("itpump.timers.poll-interval", "1h"), line -> { });
            Thread stopPlatform = new Thread(platform::close, "benchmark-training-services"); // on Ctrl-C or kill
            Runtime.getRuntime().addShutdownHook(stopPlatform);
            try {
                Demo.run(platform, 4, 17L, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopPlatform);
                platform.close(); // each service writes its cache as it exits
            }
            if (Files.isRegularFile(hello)) {
                try (ServiceProcess app = ServiceProcess.start("hello-training", hello, freePort(), Map.of(), Map.of(),
                        work.resolve("training-logs/hello-training.log"), line -> { })) {
                    app.awaitAnswer(app.baseUrl() + "/hello", Duration.ofSeconds(60));
                }
            }
        } finally {
            System.clearProperty(ServiceProcess.TRAINING);
        }
        List<String> trained = new java.util.ArrayList<>();
        for (String service : Platform.SERVICES.keySet()) {
            Path cache = root.resolve(service).resolve("target/quarkus-app/" + ServiceProcess.TRAINED_CACHE);
            trained.add(service + (Files.isRegularFile(cache) ? " " + Files.size(cache) / (1024 * 1024) + " MB" : " FAILED"));
        }
        Path helloCache = hello.resolveSibling(ServiceProcess.TRAINED_CACHE);
        trained.add("hello " + (Files.isRegularFile(helloCache) ? Files.size(helloCache) / (1024 * 1024) + " MB" : "FAILED"));
        return String.format("%s (4 demo patients; %.0f s)", trained, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Reports the event-loop blocked-thread warnings logged so far, per process (issue 17: none at start or under
     * load): the counts are cumulative, so a phase's own warnings are the rise since the line before.
     */
    private void blockedEventLoops(String after) {
        Map<String, Integer> counts = ServiceProcess.blockedEventLoopWarnings();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        report.line("event-loop blocked-thread warnings so far, after %s: %d %s", after, total, counts);
    }

    /**
     * The start-up ceiling: a bare Quarkus hello app (deploy/local/hello: quarkus-rest, one GET /hello), packaged
     * and started as the services are (same JDK, JVM options and start-up archive), alone while the services idle.
     */
    private Startup helloCeiling(Path root, Path logs) throws Exception {
        Path app = Path.of(System.getProperty("itpump.hello", root.resolve("deploy/local/hello/target/quarkus-app/quarkus-run.jar").toString()));
        if (!Files.isRegularFile(app)) {
            return null;
        }
        try (ServiceProcess hello = ServiceProcess.start("hello-ceiling", app, freePort(), Map.of(), Map.of(),
                logs.resolve("hello-ceiling.log"), line -> { })) {
            long ready = hello.awaitAnswer(hello.baseUrl() + "/hello", Duration.ofSeconds(60));
            Thread.sleep(1000);
            Startup startup = new Startup(ready, quarkusStartedIn(logs.resolve("hello-ceiling.log")), Memory.of(hello.pid()));
            report.line("ceiling  bare Quarkus hello app, alone: first 200 after %d ms (Quarkus' \"started in\" %s), %s",
                    startup.readyMillis(), startup.startedIn(), startup.memory());
            return startup;
        }
    }

    /** A start: ms from process start to ready (first 200), Quarkus' own "started in", memory 1 s after. */
    record Startup(long readyMillis, String startedIn, Memory memory) {
    }

    /** RSS and PSS (/proc/&lt;pid&gt;/smaps_rollup: shared pages divided among their sharers) in MB. */
    record Memory(long rssMb, long pssMb) {
        static Memory of(long pid) throws IOException {
            long rss = -1, pss = -1;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Rss:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                } else if (line.startsWith("Pss:")) {
                    pss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return new Memory(rss, pss);
        }

        @Override
        public String toString() {
            return "RSS " + rssMb + " MB, PSS " + pssMb + " MB";
        }
    }

    /** Each service restarted alone (the others idle), as a pod starts on a node of its own. */
    private Map<String, Startup> startAloneAndRss(Path logs, Map<String, Integer> ports) throws Exception {
        Map<String, Startup> alone = new LinkedHashMap<>();
        for (String service : ports.keySet()) {
            Thread.sleep(3000); // let the previous one settle
            platform.crashAndRestart(service);
            Thread.sleep(1000);
            alone.putAll(startupAndRss(logs, Map.of(service, ports.get(service)), "alone"));
        }
        return alone;
    }

    private Map<String, Startup> startupAndRss(Path logs, Map<String, Integer> ports, String how) throws Exception {
        Map<String, Startup> startups = new LinkedHashMap<>();
        for (String service : ports.keySet()) {
            ServiceProcess process = platform.instance(service);
            Startup startup = new Startup(process.readyMillis(), quarkusStartedIn(logs.resolve(service + ".log")),
                    Memory.of(process.pid()));
            startups.put(service, startup);
            report.line("%-17s %s: ready after %d ms (process start -> /q/health/ready 200; Quarkus' \"started in\" %s), "
                            + "%s 1 s after; JDK %d, %s", service, how, startup.readyMillis(), startup.startedIn(),
                    startup.memory(), ServiceProcess.javaFeatureVersion(), ServiceProcess.JVM_OPTIONS);
        }
        return startups;
    }

    private void startupRatios(Map<String, Startup> together, Map<String, Startup> alone, Startup hello) {
        for (String service : alone.keySet()) {
            Startup a = alone.get(service), t = together.get(service);
            report.line("%-17s start alone %.2fx the hello app (target <= 1.5x); together %.2fx alone (target <= 2.5x); "
                            + "PSS %d MB = %.2fx the hello app's (target < 180 MB)", service,
                    a.readyMillis() / (double) hello.readyMillis(), t.readyMillis() / (double) a.readyMillis(),
                    a.memory().pssMb(), a.memory().pssMb() / (double) hello.memory().pssMb());
        }
    }

    private static String quarkusStartedIn(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("started in")).findFirst()
                .map(l -> l.replaceAll(".*started in ([0-9.]+s).*", "$1")).orElse("?");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
