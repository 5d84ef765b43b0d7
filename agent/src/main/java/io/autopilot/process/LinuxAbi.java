package io.autopilot.process;

/**
 * Sizes, offsets and constants of Linux and glibc that the foreign calls depend on. Verified on x86_64 with glibc 2.36
 * by compiling a C program that prints {@code sizeof} and {@code offsetof} (the same numbers hold for AArch64 glibc,
 * whose {@code siginfo_t} and {@code struct sigaction} follow the generic layout). A wrong number here corrupts memory
 * silently, so change one only after measuring it again.
 */
final class LinuxAbi {
    // sizeof(posix_spawnattr_t) = 336, sizeof(posix_spawn_file_actions_t) = 80, sizeof(sigset_t) = 128.
    static final long SPAWN_ATTR_SIZE = 336;
    static final long SPAWN_FILE_ACTIONS_SIZE = 80;
    static final long SIGSET_SIZE = 128;

    // sizeof(siginfo_t) = 128; offsetof si_code = 8, si_pid = 16, si_status = 24 (si_signo 0, si_errno 4, si_uid 20).
    static final long SIGINFO_SIZE = 128;
    static final long SI_CODE = 8;
    static final long SI_PID = 16;
    static final long SI_STATUS = 24;

    // sizeof(struct sigaction) = 152; offsetof sa_handler = 0, sa_mask = 8, sa_flags = 136, sa_restorer = 144.
    static final long SIGACTION_SIZE = 152;
    static final long SA_HANDLER = 0;

    // sigset_t is an array of unsigned long, signal n at bit n-1. glibc reserves 32 (SIGCANCEL) and 33 (SIGSETXID).
    static final long GLIBC_INTERNAL_SIGNALS = (1L << 31) | (1L << 32);

    static final int SIGKILL = 9;
    static final int SIGTTIN = 21;
    static final int SIGTTOU = 22;

    static final long SIG_DFL = 0;
    static final long SIG_IGN = 1;

    static final short POSIX_SPAWN_RESETIDS = 0x01;
    static final short POSIX_SPAWN_SETPGROUP = 0x02;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    static final int P_ALL = 0;
    static final int P_PID = 1;
    static final int WNOHANG = 1;
    static final int WEXITED = 4;
    static final int WNOWAIT = 0x0100_0000;
    static final int CLD_EXITED = 1;
    static final int CLD_KILLED = 2;
    static final int CLD_DUMPED = 3;

    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x8_0000;
    static final int F_SETFL = 4;

    // sizeof(struct pollfd) = 8; offsetof fd = 0, events = 4, revents = 6 (int, short, short). nfds_t is unsigned long.
    static final long POLLFD_SIZE = 8;
    static final long POLLFD_FD = 0;
    static final long POLLFD_EVENTS = 4;
    static final long POLLFD_REVENTS = 6;
    static final short POLLIN = 0x01;
    static final short POLLERR = 0x08;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    static final int PR_SET_CHILD_SUBREAPER = 36;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ECHILD = 10;
    static final int EAGAIN = 11;

    private LinuxAbi() {}
}
