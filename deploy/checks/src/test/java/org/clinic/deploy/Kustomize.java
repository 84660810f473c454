package org.clinic.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of kustomize the overlays use, so that the checks run without the kustomize binary (not
 * installable here): {@code resources} (files and directories), {@code namespace}, {@code labels},
 * {@code images}, and {@code patches} given as JSON 6902 operations with a target (group, kind,
 * label selector). Anything else in a kustomization fails the check instead of being ignored.
 */
final class Kustomize {

    static final ObjectMapper YAML = new YAMLMapper();
    private static final List<String> KNOWN = List.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "patches");

    private Kustomize() {
    }

    /** Every document of a YAML file; a file that does not parse fails. */
    static List<ObjectNode> read(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<ObjectNode> documents = new ArrayList<>();
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalStateException(file + ": a document is not a mapping");
                }
                documents.add((ObjectNode) document);
            }
            return documents;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The resources a kustomization directory produces. */
    static List<ObjectNode> build(Path directory) {
        ObjectNode kustomization = read(directory.resolve("kustomization.yaml")).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!KNOWN.contains(field)) {
                throw new IllegalStateException(directory + ": kustomization field '" + field + "' is not supported by the checks");
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = directory.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(path) ? build(path) : read(path));
        }
        for (JsonNode label : kustomization.path("labels")) {
            label.path("pairs").fields().forEachRemaining(pair -> resources.forEach(r ->
                    r.with("metadata").with("labels").put(pair.getKey(), pair.getValue().asText())));
        }
        for (JsonNode image : kustomization.path("images")) {
            resources.forEach(r -> retag(r, image));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            List<ObjectNode> operations = new ArrayList<>();
            for (ObjectNode document : readList(directory.resolve(patch.path("path").asText()))) {
                operations.add(document);
            }
            resources.stream().filter(r -> targeted(r, patch.path("target"))).forEach(r -> operations.forEach(op -> apply(r, op)));
        }
        if (kustomization.hasNonNull("namespace")) {
            resources.forEach(r -> r.with("metadata").put("namespace", kustomization.get("namespace").asText()));
        }
        return resources;
    }

    private static List<ObjectNode> readList(Path file) {
        try {
            JsonNode list = YAML.readTree(file.toFile());
            if (!list.isArray()) {
                throw new IllegalStateException(file + ": a patch must be a list of JSON 6902 operations");
            }
            List<ObjectNode> operations = new ArrayList<>();
            list.forEach(op -> operations.add((ObjectNode) op));
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML", e);
        }
    }

    private static boolean targeted(ObjectNode resource, JsonNode target) {
        String apiVersion = resource.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        if (target.has("group") && !target.get("group").asText().equals(group)) {
            return false;
        }
        if (target.has("kind") && !target.get("kind").asText().equals(resource.path("kind").asText())) {
            return false;
        }
        if (target.has("labelSelector")) {
            for (String term : target.get("labelSelector").asText().split(",")) {
                String[] kv = term.split("=", 2);
                if (!kv[1].equals(resource.path("metadata").path("labels").path(kv[0]).asText(null))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** kustomize's image transformer: every {@code image} field whose name matches. */
    private static void retag(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode value = object.get("image");
            if (value != null && value.isTextual()) {
                String current = value.asText();
                int colon = current.lastIndexOf(':');
                String name = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : "latest";
                if (name.equals(image.path("name").asText())) {
                    object.put("image", image.path("newName").asText(name) + ":" + image.path("newTag").asText(tag));
                }
            }
            object.fields().forEachRemaining(field -> retag(field.getValue(), image));
        } else if (node.isArray()) {
            node.forEach(child -> retag(child, image));
        }
    }

    /** One JSON 6902 operation (add, replace, remove) at a JSON pointer; a missing path fails. */
    private static void apply(ObjectNode resource, ObjectNode operation) {
        String op = operation.path("op").asText();
        String[] tokens = operation.path("path").asText().substring(1).split("/");
        JsonNode parent = resource;
        for (int i = 0; i < tokens.length - 1; i++) {
            parent = child(parent, unescape(tokens[i]));
            if (parent == null || parent.isMissingNode()) {
                throw new IllegalStateException("Patch path " + operation.path("path").asText() + " does not exist in "
                        + resource.path("metadata").path("name").asText());
            }
        }
        String last = unescape(tokens[tokens.length - 1]);
        if (parent.isObject()) {
            ObjectNode object = (ObjectNode) parent;
            if (!op.equals("add") && !object.has(last)) {
                throw new IllegalStateException("Patch path " + operation.path("path").asText() + " does not exist");
            }
            switch (op) {
                case "add", "replace" -> object.set(last, operation.get("value"));
                case "remove" -> object.remove(last);
                default -> throw new IllegalStateException("Unsupported patch op " + op);
            }
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            switch (op) {
                case "add" -> {
                    if (last.equals("-")) {
                        array.add(operation.get("value"));
                    } else {
                        array.insert(Integer.parseInt(last), operation.get("value"));
                    }
                }
                case "replace" -> array.set(Integer.parseInt(last), operation.get("value"));
                case "remove" -> array.remove(Integer.parseInt(last));
                default -> throw new IllegalStateException("Unsupported patch op " + op);
            }
        }
    }

    private static JsonNode child(JsonNode node, String token) {
        return node.isArray() ? node.get(Integer.parseInt(token)) : node.get(token);
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** Resources of one kind (and API group prefix, e.g. "serving.knative.dev"). */
    static List<ObjectNode> ofKind(List<ObjectNode> resources, String group, String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)
                && r.path("apiVersion").asText().startsWith(group)).toList();
    }

    static Map<String, String> text(JsonNode map) {
        var out = new java.util.TreeMap<String, String>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
