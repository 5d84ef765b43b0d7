package io.autopilot.testing.docker;

/**
 * The base images the examples and the tests build on: what the environment names (scripts/local-images.sh's
 * stand-ins, exported by the scripts), else the upstream image the Dockerfiles and compose files default to.
 */
public enum Images {
    DEBIAN("DEBIAN_IMAGE", "debian:bookworm-slim"),
    NODE("NODE_IMAGE", "node:20-slim"),
    NGINX("NGINX_IMAGE", "nginx:1.27"),
    REDIS("REDIS_IMAGE", "redis:7.2"),
    CONSUL("CONSUL_IMAGE", "hashicorp/consul:1.19.2");

    private final String variable;
    private final String upstream;

    Images(String variable, String upstream) {
        this.variable = variable;
        this.upstream = upstream;
    }

    /** The build argument (and compose variable) that selects it. */
    public String variable() {
        return variable;
    }

    public String image() {
        String named = System.getenv(variable);
        return named == null || named.isBlank() ? upstream : named;
    }
}
