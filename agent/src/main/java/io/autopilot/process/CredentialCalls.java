package io.autopilot.process;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The credential system calls of the calling thread alone, made through {@code syscall(2)}. The kernel keeps
 * credentials per thread; glibc's {@code setuid}, {@code setresuid} and {@code setgroups} wrappers make every thread
 * of the process take the change (they signal each one, as POSIX asks), which is exactly what must not happen here.
 * Every call returns -1 and sets errno on failure; ids travel as unsigned longs, which the kernel cuts to its 32-bit
 * {@code uid_t}, so -1 means "leave this id alone".
 */
final class CredentialCalls {
    static final long UNCHANGED = -1;

    // syscall is variadic: long syscall(long number, ...); every argument is passed as a long.
    private static final MethodHandle SYSCALL = Libc.bind("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Libc.CAPTURE_ERRNO,
            Linker.Option.firstVariadicArg(1));
    private static final Numbers NUMBERS = Numbers.of(System.getProperty("os.arch", ""));

    private CredentialCalls() {}

    /** The system call numbers, which differ between architectures (asm/unistd_64.h, asm-generic/unistd.h). */
    private record Numbers(long getgroups, long setgroups, long setresuid, long getresuid, long setresgid,
                           long getresgid) {
        static Numbers of(String arch) {
            return switch (arch.toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> new Numbers(115, 116, 117, 118, 119, 120);
                case "aarch64", "arm64" -> new Numbers(158, 159, 147, 148, 149, 150);
                default -> throw new UnsupportedOperationException("starting a process as another user is not"
                        + " supported on " + arch + ": only x86-64 and AArch64 system call numbers are known");
            };
        }
    }

    /** Stores the thread's real, effective and saved user ids as three C ints at {@code ids}. */
    static long getresuid(MemorySegment state, MemorySegment ids) {
        return call(state, NUMBERS.getresuid(), ids.address(), ids.address() + 4, ids.address() + 8);
    }

    static long getresgid(MemorySegment state, MemorySegment ids) {
        return call(state, NUMBERS.getresgid(), ids.address(), ids.address() + 4, ids.address() + 8);
    }

    /** With {@code size} 0, returns how many supplementary groups the thread has. */
    static long getgroups(MemorySegment state, int size, MemorySegment groups) {
        return call(state, NUMBERS.getgroups(), size, groups.address(), 0);
    }

    static long setgroups(MemorySegment state, int size, MemorySegment groups) {
        return call(state, NUMBERS.setgroups(), size, groups.address(), 0);
    }

    static long setresuid(MemorySegment state, long real, long effective, long saved) {
        return call(state, NUMBERS.setresuid(), real, effective, saved);
    }

    static long setresgid(MemorySegment state, long real, long effective, long saved) {
        return call(state, NUMBERS.setresgid(), real, effective, saved);
    }

    private static long call(MemorySegment state, long number, long a, long b, long c) {
        try {
            return (long) SYSCALL.invokeExact(state, number, a, b, c);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
