package io.autopilot.core;

import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.LockConfig;
import io.autopilot.leader.Leader;
import io.autopilot.logging.Log;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code leader} block as a component, through a Consul client of its own. Components stop after every job has
 * ended, so the lock is given up only once the jobs that ran as leader have stopped.
 */
final class LeaderComponent implements Component {
    private final Object endpoint;
    private final LockConfig config;
    private final Supplier<Discovery> clients;
    private final AgentServices services;
    private final List<Leader> running;
    private final String holder;
    private final Log log;
    private final Clock clock;
    private Leader leader;
    private Discovery discovery;

    /**
     * @param endpoint where Consul is, compared on a reload with the config
     * @param running where the running leader is listed, for the status and metrics
     */
    LeaderComponent(Object endpoint, LockConfig config, Supplier<Discovery> clients, AgentServices services,
            List<Leader> running, String holder, Log log, Clock clock) {
        this.endpoint = endpoint;
        this.config = config;
        this.clients = clients;
        this.services = services;
        this.running = running;
        this.holder = holder;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public String name() {
        return Leader.SOURCE;
    }

    @Override
    public Future<Void> start() {
        discovery = clients.get();
        leader = new Leader(config, discovery, services.bus(), services.vertx(), log, clock, holder);
        running.add(leader);
        return leader.start();
    }

    @Override
    public void startupPassed() {
        leader.startupPassed();
    }

    @Override
    public Future<Void> stop() {
        running.remove(leader);
        return leader.stop().transform(ignored -> discovery.close());
    }

    @Override
    public Object configuration() {
        return List.of(endpoint, config);
    }
}
