package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.autopilot.decode.Problem;
import io.autopilot.decode.Problems;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema constrains what the agent rejects, and accepts the loose forms ContainerPilot configs rely on. Each
 * document goes through both the schema and the decoders, which must agree.
 */
class SchemaConstraintsTest {
    private final JsonSchema schema = SchemaDocuments.schema();

    @ParameterizedTest
    @ValueSource(strings = {
        "{jobs: [{name: 'app', exec: 'app', port: 80, health: {exec: 'check', interval: 5, tll: 10}}]}",
        "{jobs: [{name: 'app', exec: 'app', restarts: -1}]}",
        "{jobs: [{name: 'app', exec: 'app', restarts: 1.5}]}",
        "{jobs: [{name: 'app', exec: 'app', restarts: 'always'}]}",
        "{jobs: [{name: 'app', exec: 'app', port: 80, initial_status: 'ok', health: {interval: 5, ttl: 10}}]}",
        "{jobs: [{name: 'app', exec: 'app', port: 80}]}",
        "{jobs: [{name: 'app', exec: 'app', port: 80, health: {interval: 5}}]}",
        "{jobs: [{name: 'App_1', exec: 'app', port: 80, health: {interval: 5, ttl: 10}}]}",
        "{jobs: [{name: 'app', exec: 'app', port: 70000, health: {interval: 5, ttl: 10}}]}",
        "{jobs: [{name: 'app', exec: 'consul info | grep leader'}]}",
        "{jobs: [{name: 'app', exec: 'app > /tmp/log'}]}",
        "{jobs: [{name: 'app', exec: ''}]}",
        "{jobs: [{name: 'app', exec: []}]}",
        "{jobs: [{name: 'app', exec: 'app', timeout: '1.5'}]}",
        "{jobs: [{name: 'app', exec: 'app', timeout: '10 minutes'}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {interval: 0}}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {once: 'startup', interval: '5s'}}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {source: 'app', interval: '5s'}}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {source: 'app'}}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {once: 'healthy'}}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {source: 'app', once: 'shutdown'}}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {source: 'app', each: 'exitFailed'}, restarts: 'unlimited'}]}",
        "{jobs: [{name: 'app', exec: 'app', consul: {deregisterCriticalServiceAfter: 'soon'}}]}",
        "{jobs: [{name: ' '}]}",
        "{jobs: [{exec: 'app'}]}",
        "{jobs: [{name: 'containerpilot', exec: 'app'}], telemetry: {}}",
        "{watches: [{name: 'db'}]}",
        "{watches: [{name: 'My_DB', interval: 5}]}",
        "{watches: [{name: 'db', interval: -5}]}",
        "{jobs: [{name: 'app', exec: 'app', port: 80, health: {interval: 5, ttl: 10}}]}",
        "{watches: [{name: 'db', interval: 5}]}",
        "{consul: 'c:8500', watches: [{name: 'db', key: 'app/config', interval: 5, tag: 'x'}]}",
        "{consul: {token: 't', tokenFile: '/run/secrets/consul'}}",
        "{consul: 'c:8500', jobs: [{name: 'app', port: 80, health: {interval: 5, ttl: 10}, meta: {'consul-x': 'y'}}]}",
        "{consul: 'c:8500', jobs: [{name: 'app', port: 80, health: {interval: 5, ttl: 10}, meta: {a: ['b']}}]}",
        "{consul: 'ftp://consul:8500'}",
        "{consul: {address: 'consul:8500', scheme: 'ftp'}}",
        "{consul: {tls: {clientcert: '/c.pem'}}}",
        "{consul: {tls: {verify: 'yes'}}}",
        "{logging: {level: 'verbose'}}",
        "{logging: {format: 'xml'}}",
        "{telemetry: {port: 0}}",
        "{telemetry: {metrics: [{name: 'hits', type: 'meter'}]}}",
        "{telemetry: {metrics: [{type: 'counter'}]}}",
        "{control: {socket: ''}}",
        "{stopTimeout: 'forever'}",
        "{services: []}",
        "{jobs: [{name: 'app', health: {exec: 'check', http: 'http://localhost/', interval: 5}}]}",
        "{jobs: [{name: 'app', health: {http: 'http://localhost/', tcp: 'localhost:80', interval: 5}}]}",
        "{jobs: [{name: 'app', health: {http: 'localhost:8080/health', interval: 5}}]}",
        "{jobs: [{name: 'app', health: {http: {url: 'http://localhost/', status: '6xx'}, interval: 5}}]}",
        "{jobs: [{name: 'app', health: {http: {url: 'http://localhost/', status: []}, interval: 5}}]}",
        "{jobs: [{name: 'app', health: {http: {method: 'GET'}, interval: 5}}]}",
        "{jobs: [{name: 'app', health: {tcp: 'localhost', interval: 5}}]}",
        "{jobs: [{name: 'app', health: {tcp: '::1:80', interval: 5}}]}",
        "{jobs: [{name: 'app', health: {exec: 'check', interval: 5, successBeforePassing: -1}}]}",
    })
    void theSchemaRejectsWhatTheAgentRejects(String document) {
        JsonNode tree = SchemaDocuments.json5(document);
        assertThat(schema.validate(tree)).as("schema errors for %s", document).isNotEmpty();
        assertThat(decode(tree)).as("decoder problems for %s", document).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{consul: 'localhost:8500'}",
        "{consul: 'HTTPS://consul.service.consul:8501/'}",
        "{consul: {address: 'consul:8500', scheme: 'HTTPS', token: 'secret',"
                + " tls: {cafile: '/ca.pem', clientcert: '/c.pem', clientkey: '/k.pem', verify: 'false'}}}",
        "{consul: {tls: {verify: 0}}}",
        "{logging: {level: 'DEBUG', format: 'JSON', output: '/var/log/autopilot.log'}}",
        "{logging: {level: 'Warning'}}",
        "{consul: 'localhost:8500', jobs: [{name: 'app', exec: ['/bin/app', '--port', '8080'], port: '8080',"
                + " health: {exec: 'curl -fsS http://localhost:8080/', interval: '5', ttl: '10', timeout: '2s'},"
                + " interfaces: 'eth0', tags: 'web', initial_status: 'warning',"
                + " consul: {enableTagOverride: 'true', deregisterCriticalServiceAfter: '10m'}}]}",
        "{jobs: [{name: 'app', exec: 'sh -c \"exec app\"', restarts: '3', stopTimeout: '10s'}]}",
        "{jobs: [{name: 'app', exec: ['sh', '-c', 'consul info | grep leader']}]}",
        "{jobs: [{name: 'app', exec: 'app', restarts: 'Unlimited'}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {interval: '1m30s'}, timeout: 60}]}",
        "{jobs: [{name: 'app', exec: 'app', when: {each: 'startup'}}]}",
        "{jobs: [{name: 'reload', exec: 'app', when: {source: 'SIGHUP'}}]}",
        "{consul: 'localhost:8500', jobs: [{name: 'job 1', exec: 'app', when: {source: 'watch.db', each: 'changed',"
                + " timeout: '1h'}}],"
                + " watches: [{name: 'db', interval: '10s', tag: 'primary', dc: 'dc1'}]}",
        "{jobs: [{name: 'app', exec: 'app', health: {exec: 'check', interval: 5}},"
                + " {name: 'after', exec: 'x', when: {source: 'check.app', once: 'exitSuccess'}}]}",
        "{jobs: [{name: 'app', exec: 'app', interfaces: ['br-1a2b', 'eth0.100', 'eth0[1]', 'eth0:inet6', 'inet6',"
                + " '10.0.0.0/16', 'fdc6::/48', 'static:192.168.1.100']}]}",
        "{jobs: [{name: 'app', logging: {raw: true}}]}",
        "{telemetry: {port: '9090', interfaces: 'inet', tags: ['a', 'b'],"
                + " metrics: [{namespace: 'app', subsystem: 'http', name: 'hits', help: 'Hits.', type: 'counter'}]}}",
        "{control: {socket: '/tmp/autopilot.socket'}, stopTimeout: 10}",
        "{consul: {address: 'c:8500', tokenFile: '/run/secrets/consul-token'}, watches: [{name: 'app config',"
                + " key: 'app/config/', interval: 5, dc: 'dc2'}]}",
        "{consul: 'c:8500', jobs: [{name: 'app', id: 'app-1', port: 80, health: {interval: 5, ttl: 10},"
                + " meta: {version: '1.2', weight: 3, canary: true}}]}",
        "{stopTimeout: '-1'}",
        "{jobs: [{name: 'app', health: {http: 'HTTPS://localhost:8443/health', interval: 5}}]}",
        "{jobs: [{name: 'app', health: {http: {url: 'http://localhost/', method: 'head', status: [204, '3xx', '400-404'],"
                + " headers: {'X-Probe': 'yes', Accept: ['a', 'b']}, tlsSkipVerify: 'true'}, interval: 5,"
                + " successBeforePassing: 2, failuresBeforeCritical: '3'}}]}",
        "{jobs: [{name: 'app', health: {tcp: '[::1]:6379', interval: 5}}]}",
    })
    void theSchemaAcceptsWhatTheAgentAccepts(String document) {
        JsonNode tree = SchemaDocuments.json5(document);
        Set<ValidationMessage> errors = schema.validate(tree);
        assertThat(errors).as("schema errors for %s", document).isEmpty();
        assertThat(decode(tree)).as("decoder problems for %s", document).isEmpty();
    }

    /**
     * Interface specs are checked by the schema only: the decoders read them as plain strings until
     * {@code InterfaceSpec.parse} is wired into {@code discovery.Interfaces}, so this is the one place the schema is
     * stricter than the agent.
     */
    @ParameterizedTest
    @ValueSource(strings = {"eth0:1", "eth0:inet4", "fe80::1", "eth0[x]", "a-name-longer-than-15", "br 0"})
    void theSchemaRejectsMalformedInterfaceSpecs(String spec) {
        JsonNode tree = SchemaDocuments.json5("{jobs: [{name: 'app', interfaces: ['" + spec + "']}]}");
        assertThat(schema.validate(tree)).as("schema errors for %s", spec).isNotEmpty();
    }

    private static List<String> decode(JsonNode tree) {
        Problems problems = new Problems();
        AgentConfig.decode(SchemaDocuments.toNode(tree, "test.json5"), problems);
        return problems.list().stream().map(Problem::toString).toList();
    }
}
