package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.autopilot.decode.Problem;
import io.autopilot.decode.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds config-schema/autopilot.schema.json and the decoders to the same set of keys: a document with every key the
 * schema knows must decode without an unknown key, and every key a decoder asks for must be in the schema.
 */
class SchemaAgreementTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final JsonNode schema = SchemaDocuments.schemaTree();

    @Test
    void everyKeyOfTheSchemaIsReadByTheDecodersAndNoOther() {
        JsonNode maximal = maximal(schema);
        Problems problems = new Problems();
        AgentConfig.decode(SchemaDocuments.toNode(maximal, "maximal.json"), problems);

        Set<String> schemaKeys = new TreeSet<>();
        collectKeys(schema, "", schemaKeys, 0);
        List<String> unknown = problems.list().stream().filter(p -> p.message().startsWith("unknown key"))
                .map(Problem::toString).toList();
        Set<String> readButNotInSchema = new TreeSet<>(problems.keysRead());
        readButNotInSchema.removeAll(schemaKeys);
        Set<String> inSchemaButNeverRead = new TreeSet<>(schemaKeys);
        inSchemaButNeverRead.removeAll(problems.keysRead());

        assertSoftly(softly -> {
            softly.assertThat(unknown).as("keys in the schema that the decoders reject, in %s", maximal).isEmpty();
            softly.assertThat(readButNotInSchema).as("keys the decoders read that the schema does not describe")
                    .isEmpty();
            softly.assertThat(inSchemaButNeverRead).as("keys in the schema that no decoder read from %s", maximal)
                    .isEmpty();
        });
    }

    @Test
    void theSchemaIsAValid2020_12Schema() {
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")).validate(schema);
        assertThat(errors).isEmpty();
    }

    @Test
    void everyKeyIsDescribedAndClosed() {
        List<String> undescribed = new ArrayList<>();
        List<String> open = new ArrayList<>();
        checkObjects(schema, "", undescribed, open, 0);
        assertThat(undescribed).as("keys without a description").isEmpty();
        assertThat(open).as("objects without additionalProperties: false").isEmpty();
    }

    /**
     * A document with every key of {@code schema}: objects get every property, arrays one item, and a value with
     * several forms takes its object form when it has one. Scalars come from examples, defaults and enums.
     */
    private JsonNode maximal(JsonNode node) {
        Optional<JsonNode> object = objectForm(node, 0);
        if (object.isPresent()) {
            ObjectNode value = JSON.objectNode();
            object.get().get("properties").properties()
                    .forEach(property -> value.set(property.getKey(), maximal(property.getValue())));
            return value;
        }
        if (node.path("type").asText().equals("array") && node.has("items")) {
            ArrayNode value = JSON.arrayNode();
            return value.add(maximal(node.get("items")));
        }
        for (String keyword : List.of("examples", "enum")) {
            if (node.path(keyword).size() > 0) {
                return node.get(keyword).get(0);
            }
        }
        if (node.has("default")) {
            return node.get("default");
        }
        if (node.has("const")) {
            return node.get("const");
        }
        if (node.has("$ref")) {
            return maximal(resolve(node));
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            if (node.has(keyword)) {
                return maximal(node.get(keyword).get(0));
            }
        }
        return switch (node.path("type").asText()) {
            case "integer", "number" -> JSON.numberNode(1);
            case "boolean" -> JSON.booleanNode(true);
            default -> JSON.textNode("sample");
        };
    }

    /** The schema itself, the target of its $ref, or the first of its oneOf/anyOf, that has properties. */
    private Optional<JsonNode> objectForm(JsonNode node, int depth) {
        if (depth > 20) {
            return Optional.empty();
        }
        if (node.has("properties")) {
            return Optional.of(node);
        }
        if (node.has("$ref")) {
            return objectForm(resolve(node), depth + 1);
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            for (JsonNode alternative : node.path(keyword)) {
                Optional<JsonNode> found = objectForm(alternative, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every key path the schema allows, written as the decoders record them: {@code jobs[].health.interval}. The
     * conditional parts (if/then/not) only constrain keys declared elsewhere, so they are not walked.
     */
    private void collectKeys(JsonNode node, String path, Set<String> keys, int depth) {
        if (depth > 40) {
            throw new IllegalStateException("the schema nests too deeply at " + path + ": a $ref cycle?");
        }
        node.path("properties").properties().forEach(property -> {
            String key = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            keys.add(key);
            collectKeys(property.getValue(), key, keys, depth + 1);
        });
        if (node.has("items")) {
            collectKeys(node.get("items"), path + "[]", keys, depth + 1);
        }
        if (node.has("$ref")) {
            collectKeys(resolve(node), path, keys, depth + 1);
        }
        for (String keyword : List.of("oneOf", "anyOf", "allOf")) {
            node.path(keyword).forEach(alternative -> collectKeys(alternative, path, keys, depth + 1));
        }
    }

    private void checkObjects(JsonNode node, String path, List<String> undescribed, List<String> open, int depth) {
        if (depth > 40) {
            return;
        }
        if (node.has("properties") && !node.path("additionalProperties").isBoolean()) {
            open.add(path.isEmpty() ? "(root)" : path);
        }
        node.path("properties").properties().forEach(property -> {
            String key = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            JsonNode value = property.getValue();
            if (!value.has("description") && !(value.has("$ref") && resolve(value).has("description"))) {
                undescribed.add(key);
            }
            checkObjects(value, key, undescribed, open, depth + 1);
        });
        if (node.has("items")) {
            checkObjects(node.get("items"), path + "[]", undescribed, open, depth + 1);
        }
        if (node.has("$ref")) {
            checkObjects(resolve(node), path, undescribed, open, depth + 1);
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            node.path(keyword).forEach(alternative -> checkObjects(alternative, path, undescribed, open, depth + 1));
        }
    }

    /** The target of a local {@code $ref} such as {@code #/$defs/duration}. */
    private JsonNode resolve(JsonNode node) {
        String ref = node.get("$ref").asText();
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are expected in the schema: " + ref);
        }
        JsonNode target = schema.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("the schema has no " + ref);
        }
        return target;
    }
}
