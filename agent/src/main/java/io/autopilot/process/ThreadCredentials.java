package io.autopilot.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The credentials of one spawning thread, and the way it starts a child as someone else. {@code posix_spawn} cannot
 * change a child's user, but the child is cloned from the calling thread, whose credentials it copies, and glibc's
 * {@code POSIX_SPAWN_RESETIDS} makes the child set its effective ids to its real ones before the exec. So for the
 * moment of the spawn the thread takes the target's supplementary groups, real group and real user id, keeping its
 * effective and saved ids (root) and with them every capability (capabilities(7): none is cleared while one of the
 * three user ids stays 0). The child then drops to the target's ids before it touches a file action or the program,
 * and its exec leaves it with real, effective and saved ids all the target's and no capability. Because the thread
 * never gives up its effective root, putting its ids back cannot be refused; should it fail all the same, the thread
 * is marked {@link #spoiled()} and its owner must end it: a thread with another user's ids never spawns again.
 *
 * <p>Confined to the thread that made it.
 */
final class ThreadCredentials {
    private final Thread owner = Thread.currentThread();
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment state = Libc.callState(arena);
    private final MemorySegment ids = arena.allocate(JAVA_INT, 3);
    private final int realUid;
    private final int realGid;
    private final MemorySegment groups;
    private final int groupCount;
    private Optional<String> spoiled = Optional.empty();

    private ThreadCredentials() {
        realUid = readIds(true);
        realGid = readIds(false);
        long count = CredentialCalls.getgroups(state, 0, MemorySegment.NULL);
        if (count < 0) throw new NativeError("getgroups", Libc.errno(state));
        groups = arena.allocate(JAVA_INT, Math.max(1, count));
        long read = CredentialCalls.getgroups(state, (int) count, groups);
        if (read < 0) throw new NativeError("getgroups", Libc.errno(state));
        groupCount = (int) read;
    }

    /** The calling thread's credentials as they are now: what every spawn returns to. */
    static ThreadCredentials ofCurrentThread() {
        return new ThreadCredentials();
    }

    /**
     * Runs {@code spawn} (a {@code posix_spawn} with {@code POSIX_SPAWN_RESETIDS}) with the thread's groups and real
     * ids set to {@code identity}'s, and puts them back. Throws {@link NativeError} when they cannot be set (nothing is
     * spawned then).
     */
    int spawnAs(Identity identity, IntSupplier spawn) {
        if (Thread.currentThread() != owner) throw new IllegalStateException("credentials of another thread");
        if (spoiled.isPresent()) throw new IllegalStateException("this thread could not restore its credentials");
        take(identity);
        try {
            return spawn.getAsInt();
        } finally {
            restore();
        }
    }

    /** Why the thread's credentials could not be put back, if they could not: then it must never spawn again. */
    Optional<String> spoiled() {
        return spoiled;
    }

    private void take(Identity identity) {
        var wanted = arena.allocate(JAVA_INT, Math.max(1, identity.groups().size()));
        for (int i = 0; i < identity.groups().size(); i++) wanted.setAtIndex(JAVA_INT, i, identity.groups().get(i));
        check("setgroups", CredentialCalls.setgroups(state, identity.groups().size(), wanted));
        try {
            check("setresgid", CredentialCalls.setresgid(state, identity.gid(), CredentialCalls.UNCHANGED,
                    CredentialCalls.UNCHANGED));
            check("setresuid", CredentialCalls.setresuid(state, identity.uid(), CredentialCalls.UNCHANGED,
                    CredentialCalls.UNCHANGED));
        } catch (NativeError e) {
            restore();
            throw e;
        }
    }

    // Every step is tried even when one fails, then the ids are read back: only what the kernel says counts.
    private void restore() {
        var failures = new StringBuilder();
        restoreStep(failures, "setresuid",
                CredentialCalls.setresuid(state, realUid, CredentialCalls.UNCHANGED, CredentialCalls.UNCHANGED));
        restoreStep(failures, "setresgid",
                CredentialCalls.setresgid(state, realGid, CredentialCalls.UNCHANGED, CredentialCalls.UNCHANGED));
        restoreStep(failures, "setgroups", CredentialCalls.setgroups(state, groupCount, groups));
        if (failures.isEmpty() && !idsAreBack()) {
            failures.append("the real ids read back differ from uid ").append(realUid).append(", gid ").append(realGid);
        }
        if (!failures.isEmpty()) spoiled = Optional.of(failures.toString());
    }

    private void restoreStep(StringBuilder failures, String call, long result) {
        if (result == 0) return;
        if (!failures.isEmpty()) failures.append("; ");
        failures.append(call).append(": ").append(Libc.strerror(Libc.errno(state)));
    }

    private boolean idsAreBack() {
        try {
            return readIds(true) == realUid && readIds(false) == realGid;
        } catch (NativeError e) {
            return false;
        }
    }

    private int readIds(boolean user) {
        long result = user ? CredentialCalls.getresuid(state, ids) : CredentialCalls.getresgid(state, ids);
        if (result != 0) throw new NativeError(user ? "getresuid" : "getresgid", Libc.errno(state));
        return ids.getAtIndex(JAVA_INT, 0);
    }

    private void check(String call, long result) {
        if (result != 0) throw new NativeError(call, Libc.errno(state));
    }
}
