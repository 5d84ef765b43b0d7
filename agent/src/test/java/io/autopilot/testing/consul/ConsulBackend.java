package io.autopilot.testing.consul;

/**
 * How one {@link ConsulAgent} runs: a process on this machine ({@link ProcessBackend}) or a Docker container
 * ({@link ContainerBackend}). The agent keeps its address across {@link #stop()} and {@link #start()}, and the
 * state Consul keeps on disk (its services) survives them; only {@link #discardState()} loses it.
 */
interface ConsulBackend {
    /** The host the agent's HTTP port is reached on. */
    String host();

    /** How the agent runs, for the test's report: "a process of /path/consul", "a container of image". */
    String kind();

    /** Starts the agent and returns without waiting for it to answer. */
    void start();

    /** Kills the agent and waits until it is gone; does nothing when it is not running. */
    void stop();

    /** While stopped: the next {@link #start()} brings up an agent that remembers nothing. */
    void discardState();

    boolean running();

    /** Stops the agent and removes whatever it left behind. */
    void close();
}
