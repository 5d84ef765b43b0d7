package io.autopilot.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's own Java runtime (runtime/, linked by the build): the agent runs on a system with no other Java,
 * and where the runtime's C library is missing (musl images) the launcher says so instead of failing to exec.
 */
class BundledRuntimeIT {
    private static final Path DIST = Path.of(System.getProperty("autopilot.dist", "target/autopilot"));
    /** PT_INTERP, the program header naming the ELF interpreter (the C library's loader). */
    private static final int INTERPRETER_SEGMENT = 3;

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment);
        builder.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    /** A folder holding only the named programs (symlinks to the system's), to be the whole PATH: no java in it. */
    private Path pathOf(String... programs) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("path"));
        for (String program : programs) {
            Path system = List.of(Path.of("/usr/bin", program), Path.of("/bin", program)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(bin.resolve(program), system.toRealPath());
        }
        return bin;
    }

    @Test
    void aJobRunsWithNoJavaOnThePathAndNoJavaHome() throws Exception {
        Path path = pathOf("sh", "dirname", "basename", "readlink");
        // The job names the program its parent, the agent, runs as: the bundled runtime's java.
        Result result = run(List.of(DIST.resolve("bin/autopilot").toString(), "--", "sh", "-c",
                "readlink /proc/$PPID/exe; exit 3"), Map.of("PATH", path.toString()));

        assertThat(result.code()).as(result.err()).isEqualTo(3);
        assertThat(result.out().lines()).contains(DIST.resolve("runtime/bin/java").toRealPath().toString());
    }

    @Test
    void theRecordedLoaderIsTheOneTheRuntimesJavaNames() throws Exception {
        String recorded = Files.readString(DIST.resolve("runtime/interpreter"), StandardCharsets.UTF_8);

        assertThat(recorded).isEqualTo(interpreterOf(DIST.resolve("runtime/bin/java")) + "\n");
        assertThat(Path.of(recorded.strip())).as("the loader on this glibc system").exists();
    }

    @Test
    void aSystemWithoutTheRuntimesCLibraryGetsAnErrorSayingSo() throws Exception {
        Path copy = dir.resolve("opt/autopilot");
        DistributionCopy.copyTree(DIST, copy);
        // What a musl image is to this runtime: a system where the loader its java names does not exist. The copy's
        // java is made to name such a loader too, so that without the launcher's check exec would fail on it.
        // A short path, for it must fit where the real one was.
        Path loader = Path.of("/no").resolve(Path.of(interpreterOf(copy.resolve("runtime/bin/java"))).getFileName());
        assertThat(loader).doesNotExist();
        nameInterpreter(copy.resolve("runtime/bin/java"), loader.toString());
        Files.writeString(copy.resolve("runtime/interpreter"), loader + "\n");

        Result result = run(List.of(copy.resolve("bin/autopilot").toString(), "-version"), Map.of());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("autopilot: the Java runtime in " + copy.resolve("runtime")
                        + " needs the GNU C library, and this system lacks its loader " + loader)
                .contains("Use a glibc-based image").contains(copy.resolve("bin/fit-aot-cache").toString());
    }

    /** The ELF interpreter a 64-bit little-endian executable names. */
    private static String interpreterOf(Path executable) throws IOException {
        try (FileChannel file = FileChannel.open(executable)) {
            long offset = interpreterSegment(file);
            ByteBuffer header = read(file, offset, 56);
            ByteBuffer name = read(file, header.getLong(8), (int) header.getLong(32) - 1);
            return StandardCharsets.US_ASCII.decode(name).toString();
        }
    }

    /** Makes a copied executable name another interpreter, of no greater length (the rest of the segment is NULs). */
    private static void nameInterpreter(Path executable, String interpreter) throws IOException {
        try (FileChannel file = FileChannel.open(executable, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = read(file, interpreterSegment(file), 56);
            int length = (int) header.getLong(32);
            byte[] name = interpreter.getBytes(StandardCharsets.US_ASCII);
            assertThat(name.length).as("room for the interpreter's name").isLessThan(length);
            ByteBuffer segment = ByteBuffer.allocate(length).put(name);
            file.write(segment.clear(), header.getLong(8));
        }
    }

    private static long interpreterSegment(FileChannel file) throws IOException {
        ByteBuffer elf = read(file, 0, 64);
        assertThat(elf.getInt(0)).as("ELF magic").isEqualTo(0x464c457f);
        assertThat(elf.get(4)).as("64-bit").isEqualTo((byte) 2);
        assertThat(elf.get(5)).as("little-endian").isEqualTo((byte) 1);
        long headers = elf.getLong(32);
        int size = Short.toUnsignedInt(elf.getShort(54));
        int count = Short.toUnsignedInt(elf.getShort(56));
        List<Long> found = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long offset = headers + (long) i * size;
            if (read(file, offset, 4).getInt(0) == INTERPRETER_SEGMENT) {
                found.add(offset);
            }
        }
        assertThat(found).as("interpreter segments").hasSize(1);
        return found.getFirst();
    }

    private static ByteBuffer read(FileChannel file, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("end of " + file + " at " + (offset + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
