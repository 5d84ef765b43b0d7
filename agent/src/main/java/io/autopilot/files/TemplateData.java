package io.autopilot.files;

import java.util.List;

/**
 * What a template's Consul functions read during one render. Confined to the render's thread. Each call also tells
 * the implementation that the render uses the dependency, so it follows it from then on.
 */
interface TemplateData {
    /** Nothing known: what a template is parsed with when the configuration is loaded. */
    TemplateData NONE = new TemplateData() {
        @Override
        public List<Instance> service(Dependency.Service service) {
            return List.of();
        }

        @Override
        public List<KeyPair> keys(Dependency.Keys keys) {
            return List.of();
        }

        @Override
        public void require(Dependency dependency) {
        }
    };

    /** The passing instances, sorted by node then ID; empty while the first answer has not come. */
    List<Instance> service(Dependency.Service service);

    /** The entries with their full keys, sorted; empty while the first answer has not come. */
    List<KeyPair> keys(Dependency.Keys keys);

    /** This render cannot be written until {@code dependency} has data (consul-template's {@code key} waits so). */
    void require(Dependency dependency);
}
