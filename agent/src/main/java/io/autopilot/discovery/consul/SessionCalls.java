package io.autopilot.discovery.consul;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.autopilot.decode.GoDuration;
import io.autopilot.discovery.LockSpec;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The calls of Consul's session and lock recipe, one each: create a session, renew it, destroy it; acquire and release
 * a key with it; ask who holds a key, blocking until that may have changed. Stateless: {@link ConsulLock} keeps the
 * state and decides.
 */
final class SessionCalls {
    private static final JsonFactory JSON = new JsonFactory();
    private final ConsulConnections shared;

    SessionCalls(ConsulConnections shared) {
        this.shared = shared;
    }

    /**
     * A new session with the spec's TTL and lock delay that releases (not deletes) what it holds when it ends, and
     * depends on no health check: only its renewals keep it alive, so it dies with the agent, not with the node.
     */
    Future<String> create(LockSpec spec) {
        return create(spec, "release");
    }

    /** As {@link #create(LockSpec)}, with what happens to the keys it holds when it ends: release or delete. */
    Future<String> create(LockSpec spec, String behavior) {
        String body = "{\"Name\":\"" + quote(spec.holder() + " " + spec.key()) + "\",\"TTL\":\""
                + spec.ttl().toSeconds() + "s\",\"LockDelay\":\"" + GoDuration.format(spec.lockDelay())
                + "\",\"Behavior\":\"" + behavior + "\",\"Checks\":[]}";
        return shared.http().put("/v1/session/create", Map.of(), body, Set.of(200), status -> new TextAnswer())
                .map(answer -> sessionId(answer.body()));
    }

    /** True while the session lives; false once Consul has invalidated it (404). */
    Future<Boolean> renew(String session) {
        return shared.http().put("/v1/session/renew/" + ConsulHttp.segment(session), Map.of(), "", Set.of(200, 404),
                status -> AnswerDecoder.ignoringBody(status == 200)).map(ConsulResponse::body);
    }

    Future<Void> destroy(String session) {
        return shared.http().put("/v1/session/destroy/" + ConsulHttp.segment(session), Map.of(), "", Set.of(200),
                status -> AnswerDecoder.ignoringBody(null)).mapEmpty();
    }

    /** Whether the session now holds the key (false: another holds it, or its lock delay still runs). */
    Future<Boolean> acquire(String key, String session, String value) {
        return write(key, "acquire", session, value);
    }

    Future<Boolean> release(String key, String session) {
        return write(key, "release", session, "");
    }

    /**
     * Who holds the key: the holding session's ID, empty when none does. With an {@code index} above 0 Consul answers
     * once the key changed after it, or when the wait runs out.
     */
    ConsulCall<ConsulResponse<Optional<String>>> holder(String key, long index) {
        Map<String, String> query = new LinkedHashMap<>();
        if (index > 0) {
            query.put("index", Long.toString(index));
            query.put("wait", GoDuration.format(shared.settings().blockingWait()));
        }
        return shared.http().get("/v1/kv/" + ConsulHttp.keyPath(key), query,
                shared.settings().blockingRequestTimeout(), Set.of(200, 404), status -> status == 404
                        ? AnswerDecoder.ignoringBody(Optional.empty()) : new JsonArrayReader<>(new HolderReader()));
    }

    private Future<Boolean> write(String key, String operation, String session, String value) {
        return shared.http().put("/v1/kv/" + ConsulHttp.keyPath(key), Map.of(operation, session), value, Set.of(200),
                status -> new TextAnswer()).map(answer -> answer.body().equals("true"));
    }

    private static String sessionId(String answer) {
        try (JsonParser parser = JSON.createParser(answer)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot()
                        && parser.currentName().equals("ID") && parser.nextToken() == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
            }
        } catch (IOException e) {
            throw new UnusableAnswer("the new session's answer is not JSON: " + e.getMessage());
        }
        throw new UnusableAnswer("the new session's answer has no ID");
    }

    private static String quote(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** The {@code Session} of the key's entry, if any. */
    private static final class HolderReader implements JsonArrayReader.EntryReader<Optional<String>> {
        private String session;

        @Override
        public void value(JsonArrayReader.Value value) {
            if (value.depth() == 1 && "Session".equals(value.name(0))) {
                session = value.text();
            }
        }

        @Override
        public void endOfEntry() {
        }

        @Override
        public Optional<String> result() {
            return Optional.ofNullable(session).filter(s -> !s.isEmpty());
        }
    }
}
