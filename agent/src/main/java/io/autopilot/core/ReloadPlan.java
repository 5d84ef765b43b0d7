package io.autopilot.core;

import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.Jobs;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which jobs a reload touches, from the old and the new configuration alone. A job whose {@link JobConfig} is equal
 * in both is unchanged. A changed job is restarted, and so is every job that starts on its {@code stopping} or
 * {@code stopped} event (its hooks run once more as the old instance stops, and once-hooks would then be spent: the
 * new instance gets fresh ones), transitively.
 *
 * @param restarted in the new configuration's order
 * @param removed in the old configuration's order
 * @param hooksFirst the jobs to be stopped that are hooks of another job to be stopped: they must have heard of the
 *     stop before their source publishes {@code stopping}, or they would miss it
 * @param stopHooks the new configuration's pre-stop hooks, by the job that waits for them
 */
record ReloadPlan(List<String> added, List<String> restarted, List<String> removed, Set<String> hooksFirst,
                  Map<String, Set<String>> stopHooks) {

    static ReloadPlan of(List<JobConfig> before, List<JobConfig> after) {
        Map<String, JobConfig> old = byName(before);
        Map<String, JobConfig> next = byName(after);
        Set<String> restarting = new HashSet<>();
        next.forEach((name, config) -> {
            if (old.containsKey(name) && !old.get(name).equals(config)) {
                restarting.add(name);
            }
        });
        Map<String, Set<String>> followers = followers(after);
        for (List<String> frontier = List.copyOf(restarting); !frontier.isEmpty(); ) {
            frontier = frontier.stream().flatMap(name -> followers.getOrDefault(name, Set.of()).stream())
                    .filter(old::containsKey).filter(restarting::add).toList();
        }
        List<String> removed = old.keySet().stream().filter(name -> !next.containsKey(name)).toList();
        Set<String> stopping = new HashSet<>(restarting);
        stopping.addAll(removed);
        Map<String, Set<String>> oldFollowers = followers(before);
        Set<String> hooksFirst = stopping.stream()
                .filter(name -> oldFollowers.entrySet().stream()
                        .anyMatch(e -> stopping.contains(e.getKey()) && e.getValue().contains(name)))
                .collect(Collectors.toUnmodifiableSet());
        return new ReloadPlan(
                next.keySet().stream().filter(name -> !old.containsKey(name)).toList(),
                next.keySet().stream().filter(restarting::contains).toList(),
                removed, hooksFirst, Jobs.stopHooks(after));
    }

    /** The jobs the reload stops, if they run. */
    Set<String> stopping() {
        Set<String> stopping = new HashSet<>(restarted);
        stopping.addAll(removed);
        return stopping;
    }

    /** The jobs the reload makes anew. */
    Set<String> creating() {
        Set<String> creating = new HashSet<>(restarted);
        creating.addAll(added);
        return creating;
    }

    boolean touchesNoJob() {
        return added.isEmpty() && restarted.isEmpty() && removed.isEmpty();
    }

    /** For each job, the jobs that start on its {@code stopping} or {@code stopped} event. */
    private static Map<String, Set<String>> followers(List<JobConfig> configs) {
        Map<String, Set<String>> followers = new LinkedHashMap<>();
        for (JobConfig config : configs) {
            Jobs.hookSources(config).forEach(source ->
                    followers.computeIfAbsent(source, s -> new HashSet<>()).add(config.name()));
        }
        return followers;
    }

    private static Map<String, JobConfig> byName(List<JobConfig> configs) {
        return configs.stream().collect(Collectors.toMap(JobConfig::name, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }
}
