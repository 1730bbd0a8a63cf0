package com.contactcenter.reports.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL server of the test's own (initdb in a temporary folder, a free port), so that a test can
 * stop and start it, as an outage would, without touching the machine's shared server. Needs the server binaries
 * ({@code /usr/lib/postgresql/<version>/bin}); as root it runs them as the {@code postgres} user.
 */
public final class PrivatePostgres implements AutoCloseable {
    private final Path binaries;
    private final Path folder;
    private final int port;

    private PrivatePostgres(Path binaries, Path folder, int port) {
        this.binaries = binaries;
        this.folder = folder;
        this.port = port;
    }

    public static PrivatePostgres create() throws IOException, InterruptedException {
        Path binaries;
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            binaries = versions.sorted().reduce((first, last) -> last).orElseThrow().resolve("bin");
        }
        Path folder = Files.createTempDirectory("reports-postgres-");
        if (isRoot()) {
            run(List.of("chown", "postgres", folder.toString()), false);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PrivatePostgres server = new PrivatePostgres(binaries, folder, port);
        server.postgres("initdb", "-D", folder.resolve("data").toString(), "-A", "trust", "-U", "postgres",
                "--no-sync");
        server.start();
        return server;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void start() throws IOException, InterruptedException {
        postgres("pg_ctl", "-D", folder.resolve("data").toString(), "-l", folder.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1", "start");
    }

    /** Stops the server the way a crash or a pulled plug would: at once, without a checkpoint. */
    public void stopAbruptly() throws IOException, InterruptedException {
        postgres("pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    }

    private void postgres(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command, true);
    }

    private static void run(List<String> command, boolean quiet) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stopAbruptly();
        } catch (IllegalStateException alreadyStopped) {
            // stopped by the test
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
