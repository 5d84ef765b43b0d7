package io.autopilot.jobs;

import io.autopilot.decode.Fields;
import io.autopilot.decode.GoDuration;
import io.autopilot.decode.KeyPath;
import io.autopilot.decode.Suggestions;
import io.autopilot.events.Event;
import io.autopilot.events.EventCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A job's {@code when} block: its trigger, and how long to wait for it ({@code timeout}; on expiry the job publishes
 * {@code timerExpired} and never runs).
 */
public record WhenConfig(Trigger trigger, Optional<Duration> timeout) {
    public static final WhenConfig DEFAULT = new WhenConfig(Trigger.STARTUP, Optional.empty());
    /** The signals a job can be triggered by, as in ContainerPilot. */
    public static final Set<String> SIGNALS = Set.of("SIGHUP", "SIGUSR2");
    static final Duration MINIMUM = Duration.ofMillis(1);

    static WhenConfig decode(Fields fields, KeyPath path, Set<String> sources) {
        Optional<List<String>> sourceNames = fields.strings("source");
        List<String> sourceList = sourceNames.orElse(List.of());
        for (String s : sourceList) {
            if (!sources.contains(s)) {
                fields.problem("source", "\"" + s + "\" is not an event source: name a job, \"check.<job>\","
                        + " \"watch.<name>\", \"global\", \"SIGHUP\" or \"SIGUSR2\"" + Suggestions.hint(s, sources));
            }
        }
        if (sourceNames.isPresent() && sourceList.isEmpty()) {
            fields.problem("source", "must name at least one event source");
        }
        if (sourceList.size() > 1 && sourceList.stream().anyMatch(SIGNALS::contains)) {
            fields.problem("source", "a signal must be the only source: a signal-triggered job starts on every signal");
        }
        Optional<String> source = sourceList.stream().findFirst();
        Trigger.Match match = match(fields);
        Optional<String> once = fields.string("once");
        Optional<String> each = fields.string("each");
        Optional<Duration> interval = fields.duration("interval");
        Optional<Duration> timeout = fields.duration("timeout", MINIMUM);
        long given = Arrays.stream(new Optional<?>[] {once, each, interval}).filter(Optional::isPresent).count();
        if (given > 1) {
            fields.problem("can have only one of \"interval\", \"once\" or \"each\"");
            return new WhenConfig(Trigger.STARTUP, timeout);
        }
        if (interval.isPresent()) {
            if (interval.get().compareTo(MINIMUM) < 0) {
                fields.problem("interval", "must be at least " + GoDuration.format(MINIMUM));
            }
            source.ifPresent(s -> fields.problem("source", "has no effect with \"interval\": a periodic job starts on"
                    + " startup and then every interval"));
            return new WhenConfig(new Trigger.Periodic(interval.get()), timeout);
        }
        if (source.isPresent() && SIGNALS.contains(source.get())) {
            // ContainerPilot ignores once/each for signal sources: every signal starts the job.
            return new WhenConfig(new Trigger.OnSignal(source.get()), timeout);
        }
        Optional<String> eventName = once.or(() -> each);
        if (eventName.isEmpty()) {
            source.ifPresent(s -> fields.problem("needs \"once\" or \"each\" with \"source\": without either the job"
                    + " never starts"));
            return new WhenConfig(Trigger.STARTUP, timeout);
        }
        String key = once.isPresent() ? "once" : "each";
        Optional<EventCode> event = triggerEvent(fields, key, eventName.get());
        if (source.isEmpty() && event.isPresent() && event.get() != EventCode.STARTUP) {
            fields.problem("source", "is required with \"" + key + "\": name the job, watch or \"global\" whose "
                    + event.get().configName() + " event starts this job");
        }
        List<String> eventSources = sourceList.isEmpty() ? List.of(Event.GLOBAL) : sourceList;
        Trigger trigger = event.<Trigger>map(e -> new Trigger.OnEvent(eventSources, e, each.isPresent(), match))
                .orElse(Trigger.STARTUP);
        return new WhenConfig(trigger, timeout);
    }

    /**
     * {@code match: "any"} (the default) or {@code "all"}: how several sources combine. Asked for in ContainerPilot's
     * issues 435 (start after every one of N jobs) and 518 (react to any of several watches).
     */
    private static Trigger.Match match(Fields fields) {
        Optional<String> text = fields.string("match");
        if (text.isEmpty()) {
            return Trigger.Match.ANY;
        }
        if (!fields.has("once") && !fields.has("each")) {
            fields.problem("match", "only applies with \"once\" or \"each\"");
        }
        return switch (text.get().trim().toLowerCase(Locale.ROOT)) {
            case "any" -> Trigger.Match.ANY;
            case "all" -> Trigger.Match.ALL;
            default -> {
                fields.problem("match", "must be \"any\" or \"all\", not \"" + text.get() + "\"");
                yield Trigger.Match.ANY;
            }
        };
    }

    private static Optional<EventCode> triggerEvent(Fields fields, String key, String name) {
        Optional<EventCode> code = EventCode.fromConfigName(name);
        if (code.isPresent() && code.get().isTrigger()) {
            return code;
        }
        if (code.isPresent()) {
            fields.problem(key, "\"" + name + "\" cannot start a job");
            return Optional.empty();
        }
        List<String> names = Arrays.stream(EventCode.values()).filter(EventCode::isTrigger)
                .map(EventCode::configName).toList();
        fields.problem(key, "\"" + name + "\" is not an event; one of " + String.join(", ", names));
        return Optional.empty();
    }
}
