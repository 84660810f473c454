package org.clinic.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Renders every overlay of deploy/knative and checks it against the services as they are built:
 * each Knative Service scales to zero, probes the health paths the service serves, runs the image
 * of its module on the module's port, migrates nothing at start, and gets every setting it needs
 * from its environment, its ConfigMap or its Secret; each Trigger and the ping source call a path
 * the target's OpenAPI document has, for an event type deploy/events.md documents. A manifest that
 * does not parse fails the build.
 */
class DeployManifestsTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path KNATIVE = ROOT.resolve("deploy/knative");
    private static final List<String> SERVICES = List.of("scheduling-api", "records-api", "notifier");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyManifestUnderDeployParses() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("deploy"))) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.toString().contains("/.run/") && !p.toString().contains("/target/")).toList();
            assertThat(yaml).isNotEmpty();
            for (Path file : yaml) {
                if (file.getParent().getFileName().toString().startsWith("overlays") || file.toString().contains("/overlays/")) {
                    Kustomize.YAML.readTree(file.toFile()); // patches may be lists
                } else {
                    assertThat(Kustomize.read(file)).as(file.toString()).allSatisfy(doc ->
                            assertThat(doc.has("apiVersion") || doc.has("services") || doc.has("name")).as(file + " document").isTrue());
                }
            }
        }
    }

    @Test
    void aManifestThatDoesNotParseFailsTheCheck(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [broken.yaml]\n");
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: [unclosed\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("broken.yaml is not valid YAML");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nreplicas: [{name: x, count: 2}]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("replicas");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-native"})
    void theOverlayRunsTheServicesAsTheyAreBuilt(String overlay) {
        List<ObjectNode> resources = Kustomize.build(KNATIVE.resolve("overlays").resolve(overlay));
        List<ObjectNode> services = Kustomize.ofKind(resources, "serving.knative.dev", "Service").stream()
                .filter(s -> SERVICES.contains(name(s))).toList();
        assertThat(services).extracting(DeployManifestsTest::name).containsExactlyInAnyOrderElementsOf(SERVICES);

        for (ObjectNode service : services) {
            String module = name(service);
            JsonNode template = service.path("spec").path("template");
            assertThat(template.path("metadata").path("annotations").path("autoscaling.knative.dev/min-scale").asText())
                    .as(module + " min-scale").isEqualTo("0");
            assertThat(template.path("spec").path("containerConcurrency").asInt()).as(module + " concurrency").isPositive();
            JsonNode container = template.path("spec").path("containers").get(0);
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo(healthPath(module, "ready"));
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo(healthPath(module, "live"));
            assertThat(container.path("readinessProbe").path("httpGet").has("port")).as("Knative refuses probe ports").isFalse();
            assertThat(container.path("image").asText()).as(module + " image").matches(".*/" + module + ":[^:/]+");
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(module + " port").isEqualTo(port(module));
            assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
            Map<String, String> env = env(container);
            assertThat(env).containsEntry("MIGRATE_AT_START", "false");
            assertThat(provided(resources, container, template.path("spec"))).as(module + " settings")
                    .containsAll(required(module));
        }
        for (String module : SERVICES) {
            ObjectNode job = Kustomize.ofKind(resources, "batch", "Job").stream()
                    .filter(j -> name(j).equals(module + "-migrate")).findFirst().orElseThrow();
            JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(env(container)).containsEntry("MIGRATE_AT_START", "true").containsEntry("QUARKUS_INIT_AND_EXIT", "true");
            assertThat(container.path("image").asText()).matches(".*/" + module + ":[^:/]+");
            String serviceImage = services.stream().filter(s -> name(s).equals(module)).findFirst().orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
            assertThat(container.path("image").asText()).as("the migration runs the version it migrates for").isEqualTo(serviceImage);
            assertThat(provided(resources, container, job.path("spec").path("template").path("spec"))).containsAll(required(module));
        }
    }

    @Test
    void eventsReachDocumentedPathsForDocumentedTypes() throws IOException {
        List<ObjectNode> resources = Kustomize.build(KNATIVE.resolve("overlays/prod"));
        String catalogue = Files.readString(ROOT.resolve("deploy/events.md"));
        List<ObjectNode> triggers = Kustomize.ofKind(resources, "eventing.knative.dev", "Trigger");
        assertThat(triggers).isNotEmpty();
        Set<String> subscribers = new HashSet<>();
        for (ObjectNode trigger : triggers) {
            String type = trigger.path("spec").path("filter").path("attributes").path("type").asText();
            assertThat(type).as(name(trigger)).matches("clinic\\.[a-z-]+\\.[a-z-]+\\.[a-z-]+\\.v\\d+");
            String routingKey = type.substring("clinic.".length(), type.lastIndexOf('.'));
            String[] parts = routingKey.split("\\.");
            assertThat(catalogue).as("deploy/events.md documents " + type)
                    .containsAnyOf(type, "`" + routingKey + "`", parts[0] + "." + parts[1] + ".<");
            JsonNode subscriber = trigger.path("spec").path("subscriber");
            String service = subscriber.path("ref").path("name").asText();
            assertThat(postPaths(service)).as(name(trigger) + " subscriber").contains(path(subscriber.path("uri").asText()));
            assertThat(trigger.path("spec").path("broker").asText()).isEqualTo("clinic");
            subscribers.add(service);
        }
        assertThat(subscribers).containsExactlyInAnyOrder("notifier", "records-api");
        ObjectNode ping = Kustomize.ofKind(resources, "sources.knative.dev", "PingSource").get(0);
        assertThat(postPaths(ping.path("spec").path("sink").path("ref").path("name").asText()))
                .contains(path(ping.path("spec").path("sink").path("uri").asText()));
        ObjectNode broker = Kustomize.ofKind(resources, "eventing.knative.dev", "Broker").get(0);
        assertThat(broker.path("spec").path("delivery").path("deadLetterSink").path("ref").path("name").asText())
                .isIn(Kustomize.ofKind(resources, "serving.knative.dev", "Service").stream().map(DeployManifestsTest::name).toList());
    }

    @Test
    void noSecretValueIsCommitted() throws IOException {
        for (ObjectNode secret : Kustomize.read(KNATIVE.resolve("secrets.template.yaml"))) {
            secret.path("stringData").fields().forEachRemaining(e -> {
                if (!e.getKey().equals("DB_USER")) {
                    assertThat(e.getValue().asText()).as(name(secret) + "." + e.getKey()).isEqualTo("REPLACE_ME");
                }
            });
        }
        try (Stream<Path> files = Files.walk(KNATIVE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContainPattern("-----BEGIN [A-Z ]*PRIVATE KEY");
            }
        }
    }

    private static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }

    private static String path(String uri) {
        return URI.create(uri).getPath();
    }

    /** POST paths of a service's OpenAPI document, as the build wrote it (target/openapi). */
    private static Set<String> postPaths(String module) {
        Path document = ROOT.resolve(module).resolve("target/openapi/openapi.json");
        assertThat(document).as("build " + module + " first (its OpenAPI document)").exists();
        try {
            JsonNode paths = JSON.readTree(document.toFile()).path("paths");
            Set<String> posts = new TreeSet<>();
            paths.fields().forEachRemaining(e -> {
                if (e.getValue().has("post")) {
                    posts.add(e.getKey());
                }
            });
            return posts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's configuration: common defaults, then its own application.properties (profiles dropped). */
    private static Properties configuration(String module) {
        Properties merged = new Properties();
        for (Path file : List.of(ROOT.resolve("common/src/main/resources/META-INF/microprofile-config.properties"),
                ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.forEach((k, v) -> {
                if (!k.toString().startsWith("%")) {
                    merged.put(k, v);
                }
            });
        }
        return merged;
    }

    /** Variables the module reads without a default and without defining them itself. */
    private static Set<String> required(String module) {
        Properties config = configuration(module);
        Set<String> required = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(String.join("\n", config.values().stream().map(Object::toString).toList()));
        while (m.find()) {
            if (!config.containsKey(m.group(1))) {
                required.add(m.group(1));
            }
        }
        return required;
    }

    private static int port(String module) {
        Matcher m = Pattern.compile("\\$\\{PORT:(\\d+)}").matcher(configuration(module).getProperty("quarkus.http.port"));
        assertThat(m.matches()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** SmallRye Health's path for a check, unless the module moved it. */
    private static String healthPath(String module, String check) {
        Properties config = configuration(module);
        assertThat(config).as(module + " moves the health endpoints; update the check").doesNotContainKeys(
                "quarkus.http.non-application-root-path", "quarkus.smallrye-health.root-path",
                "quarkus.smallrye-health.readiness-path", "quarkus.smallrye-health.liveness-path");
        return "/q/health/" + check;
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    /** Variables the container gets: its env, and every key of the ConfigMaps and Secrets it loads (which must exist). */
    private static Set<String> provided(List<ObjectNode> resources, JsonNode container, JsonNode podSpec) {
        Set<String> provided = new TreeSet<>(env(container).keySet());
        List<ObjectNode> secrets = Kustomize.read(KNATIVE.resolve("secrets.template.yaml"));
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                String name = source.path("configMapRef").path("name").asText();
                ObjectNode map = Kustomize.ofKind(resources, "v1", "ConfigMap").stream().filter(c -> name(c).equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError("ConfigMap " + name + " is not in the manifests"));
                provided.addAll(Kustomize.text(map.path("data")).keySet());
            }
            if (source.has("secretRef")) {
                provided.addAll(secretKeys(secrets, source.path("secretRef").path("name").asText()));
            }
        }
        for (JsonNode volume : podSpec.path("volumes")) {
            if (volume.has("secret")) {
                assertThat(secretKeys(secrets, volume.path("secret").path("secretName").asText())).isNotEmpty();
            }
        }
        return provided;
    }

    private static Set<String> secretKeys(List<ObjectNode> secrets, String name) {
        ObjectNode secret = secrets.stream().filter(s -> name(s).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("Secret " + name + " is not in deploy/knative/secrets.template.yaml"));
        return Kustomize.text(secret.path("stringData")).keySet();
    }
}
