package io.autopilot.control;

import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.process.Signals;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code POST /v3/jobs/<name>/start|stop|restart|signal}: an operator's control of one job (ContainerPilot's issue
 * 571 asked for {@code -termjob}, {@code -killjob}, {@code -reloadjob}). {@code signal} takes the signal as
 * {@code ?signal=HUP} or as the body {@code {"signal":"HUP"}}; a name with or without {@code SIG}, or a number.
 */
final class JobRoutes {
    static final String PREFIX = "/v3/jobs/";

    private final ControlledAgent agent;

    JobRoutes(ControlledAgent agent) {
        this.agent = agent;
    }

    /** Whether {@code target} is under {@code /v3/jobs/}. */
    static boolean serves(Target target) {
        List<String> segments = target.segments();
        return segments.size() > 2 && segments.get(0).equals("v3") && segments.get(1).equals("jobs");
    }

    /** {@code target} is {@code /v3/jobs/<job>/<action>}; the job's name is one segment, any character escaped. */
    Future<Reply> handle(String method, Target target, Buffer body) {
        List<String> segments = target.segments();
        if (segments.size() != 4 || segments.get(2).isEmpty()) {
            return reply(Reply.text(404, "no such endpoint: " + target.path() + " (use " + PREFIX
                    + "<job>/start|stop|restart|signal)"));
        }
        String job = segments.get(2);
        String action = segments.get(3);
        JobRequest request;
        try {
            request = switch (action) {
                case "start" -> new JobRequest.Start();
                case "stop" -> new JobRequest.Stop();
                case "restart" -> new JobRequest.Restart();
                case "signal" -> new JobRequest.Signal(signal(target.parameter("signal"), body));
                default -> null;
            };
        } catch (JsonBodies.BadBody e) {
            return reply(Reply.text(422, e.getMessage()));
        }
        if (request == null) {
            return reply(Reply.text(404, "no such job action: " + action + " (start, stop, restart or signal)"));
        }
        if (!method.equals("POST")) {
            return reply(Reply.text(405, target.path() + " takes POST, not " + method));
        }
        JobRequest asked = request;
        return agent.request(job, request)
                .map(outcome -> outcome.map(result -> answer(job, asked, result)))
                .orElseGet(() -> reply(Reply.text(404, "no job named \"" + job + "\"; the jobs are: "
                        + agent.jobs().stream().map(JobSnapshot::name).collect(Collectors.joining(", ")))));
    }

    private Reply answer(String job, JobRequest request, RequestOutcome outcome) {
        if (outcome == RequestOutcome.ENDED) {
            String state = agent.jobs().stream().filter(s -> s.name().equals(job)).findFirst()
                    .map(s -> StatusDocument.stateName(s.state())).orElse("ended");
            return Reply.text(409, "job " + job + " has ended (" + state + "): it takes no more requests");
        }
        boolean done = outcome == RequestOutcome.ACCEPTED;
        return switch (request) {
            case JobRequest.Start s -> Reply.text(200, done ? "started " + job : job + " is already running");
            case JobRequest.Stop s -> Reply.text(200, done ? "stopping " + job + "; it stays stopped until started"
                    : job + " is already stopped");
            case JobRequest.Restart r -> Reply.text(200, "restarting " + job);
            case JobRequest.Signal(int number) -> done ? Reply.text(200, "sent signal " + number + " to " + job)
                    : Reply.text(409, job + " has no running process to signal");
        };
    }

    /** 1–64, or a name such as HUP or SIGHUP; from the query, else from the body. */
    static int signal(Optional<String> query, Buffer body) throws JsonBodies.BadBody {
        String name = query.isPresent() ? query.get() : Optional.ofNullable(JsonBodies.object(body).get("signal"))
                .map(Object::toString).orElseThrow(() -> new JsonBodies.BadBody("name the signal: ?signal=HUP or"
                        + " {\"signal\":\"HUP\"}"));
        if (name.matches("\\d{1,2}")) {
            int number = Integer.parseInt(name);
            if (number >= 1 && number <= 64) {
                return number;
            }
        } else if (name.matches("[A-Za-z0-9+-]{1,12}")) {
            try {
                return Signals.number(name);
            } catch (IllegalArgumentException e) {
                // unknown name: reported below
            }
        }
        throw new JsonBodies.BadBody("\"" + name + "\" is not a signal");
    }

    private static Future<Reply> reply(Reply reply) {
        return Future.succeededFuture(reply);
    }
}
