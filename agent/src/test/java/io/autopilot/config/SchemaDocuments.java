package io.autopilot.config;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.autopilot.decode.Node;
import io.autopilot.decode.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the schema tests share: the repository root, the schema, and the two ways a config file becomes a tree (a
 * Jackson tree for the validator, the agent's {@link Node} tree for the decoders).
 *
 * <p>The agent's own parsers are not used: the point is to hold the schema against the decoders, and a lenient Jackson
 * reads every JSON5 file the repository holds. Typesafe Config reads HOCON as the agent does.
 */
final class SchemaDocuments {
    static final String SCHEMA_PATH = "config-schema/autopilot.schema.json";

    /** JSON5 as far as Jackson goes: comments, unquoted keys, trailing commas, single quotes, +1, NaN, .5, 5. */
    private static final ObjectMapper JSON5 = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaDocuments() {
    }

    /** The folder with the parent pom and config-schema/, found from the working directory (the module's, in Maven). */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("config-schema"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder with pom.xml and config-schema/ above "
                + Path.of("").toAbsolutePath());
    }

    static JsonNode schemaTree() {
        return json5(repositoryRoot().resolve(SCHEMA_PATH));
    }

    static JsonSchema schema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree());
    }

    static JsonNode json5(String text) {
        try {
            return JSON5.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json5(Path file) {
        return json5(read(file));
    }

    /** HOCON (and plain JSON) as the agent reads .conf and .json files, with ${?VAR} from the environment. */
    static JsonNode hocon(String text) {
        String json = ConfigFactory.parseString(text).resolve().root().render(ConfigRenderOptions.concise());
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree of {@code text}, read from the file {@code name}, in the syntax the agent chooses by its extension. */
    static JsonNode configText(String name, String text) {
        return ConfigFormat.of(name) == ConfigFormat.HOCON ? hocon(text) : json5(text);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agent's tree for a Jackson tree; every value is placed in {@code file} at an unknown line. */
    static Node toNode(JsonNode json, String file) {
        Origin origin = Origin.of(file, 0, 0);
        return switch (json.getNodeType()) {
            case OBJECT -> {
                Map<String, Node> fields = new LinkedHashMap<>();
                json.properties().forEach(field -> fields.put(field.getKey(), toNode(field.getValue(), file)));
                yield new Node.ObjectNode(fields, origin);
            }
            case ARRAY -> {
                List<Node> items = new ArrayList<>();
                json.forEach(item -> items.add(toNode(item, file)));
                yield new Node.ArrayNode(items, origin);
            }
            case STRING -> new Node.TextNode(json.textValue(), origin);
            case NUMBER -> new Node.NumberNode(json.doubleValue(), json.asText(), origin);
            case BOOLEAN -> new Node.BoolNode(json.booleanValue(), origin);
            case NULL, MISSING -> new Node.NullNode(origin);
            case BINARY, POJO -> throw new IllegalArgumentException("not a config value: " + json.getNodeType());
        };
    }
}
