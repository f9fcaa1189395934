package hk.tsw.gateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Thread dumps of a JVM ({@code jcmd <pid> Thread.print -l}, with the locks each thread holds), taken when a process
 * test sees a stall, so that the failure says where the gateway (or the test's own partner client) was stuck.
 * {@link GatewayLogsOnFailure} prints every dump a failed test took.
 */
public final class ThreadDumps {

    /** Every dump this JVM took, in order. */
    public static final List<Path> DUMPS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ThreadDumps() {
    }

    /** Dumps the threads of {@code pid} into {@code file} under a first line saying why; null when jcmd could not. */
    public static Path take(long pid, Path file, String why) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# " + why + " (pid " + pid + ")\n", StandardCharsets.UTF_8);
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "Thread.print", "-l").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile())).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
            DUMPS.add(file);
            System.out.println("thread dump (" + why + "): " + file);
            return file;
        } catch (IOException e) {
            System.out.println("no thread dump (" + why + "): " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Dumps this JVM (the test's partners and agency stubs) beside {@code near}. */
    public static Path ofThisJvm(Path near, String why) {
        return take(ProcessHandle.current().pid(), near.resolveSibling(near.getFileName() + ".test-jvm-threads-"
                + (DUMPS.size() + 1) + ".txt"), "the test JVM: " + why);
    }
}
