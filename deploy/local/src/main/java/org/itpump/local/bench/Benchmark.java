package org.itpump.local.bench;

import org.itpump.infra.Infrastructure;
import org.itpump.local.Options;
import org.itpump.local.Platform;
import org.itpump.local.ServiceProcess;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
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
            bench.report.line("platform (4 services) up in %.1f s", (System.nanoTime() - t0) / 1e9);
            bench.startupAndRss(work.resolve("logs"), ports, "all four starting together on 2 cores");
            if (phases.contains("startup")) {
                bench.startAloneAndRss(work.resolve("logs"), ports);
            }
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
        report.line("ceiling  Kafka alone, produce (acks=all) -> a waiting consumer has it, one record at a time: p50 %.2f ms, "
                + "p99 %.2f ms", Report.pct(kafkaHop, 50), Report.pct(kafkaHop, 99));

        if (phases.contains("hop")) {
            workloads.hop(trials, work);
        }
        if (phases.contains("sustained")) {
            workloads.sustained(throughputTrials);
        }
        if (phases.contains("backlog")) {
            workloads.backlog(backlog, shape1, shape4);
        }
        if (phases.contains("reads")) {
            workloads.reads(seconds, bare);
        }
        report.line("single-row commit (pgbench, 4 clients): %.0f tps; Kafka produce %.0f records/s", single.tps(), produce);
    }

    /** Each service restarted alone (the others idle), as a pod starts on a node of its own. */
    private void startAloneAndRss(Path logs, Map<String, Integer> ports) throws Exception {
        for (String service : ports.keySet()) {
            Thread.sleep(3000); // let the previous one settle
            platform.crashAndRestart(service);
            Thread.sleep(1000);
            startupAndRss(logs, Map.of(service, ports.get(service)), "alone");
        }
    }

    private void startupAndRss(Path logs, Map<String, Integer> ports, String how) throws Exception {
        for (String service : ports.keySet()) {
            String started = Files.readAllLines(logs.resolve(service + ".log")).stream().filter(l -> l.contains("started in"))
                    .findFirst().map(l -> l.replaceAll(".*started in ([0-9.]+s).*", "$1")).orElse("?");
            Process ps = new ProcessBuilder("sh", "-c", "ps -eo rss,args | grep -- '-Dquarkus.http.port=" + ports.get(service)
                    + " ' | grep -v grep | awk '{print $1}'").start();
            String rss = new String(ps.getInputStream().readAllBytes()).trim();
            report.line("%-17s started in %s (Quarkus' own figure, %s; target < 2 s), RSS %s MB after start (target < 200 MB; %s)",
                    service, started, how, rss.isEmpty() ? "?" : String.valueOf(Long.parseLong(rss.split("\\s+")[0]) / 1024),
                    ServiceProcess.JVM_OPTIONS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
