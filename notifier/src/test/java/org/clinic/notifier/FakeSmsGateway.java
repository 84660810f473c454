package org.clinic.notifier;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for an SMS provider (none can run here): a real HTTP server on a free port. It records
 * what it accepts ({@code GET /received}: one line per message, the Authorization header then the
 * body) and refuses the first message to a number registered with {@code POST /refuse-once}.
 * Tests talk to it over HTTP because the test and the application see different copies of this
 * class (Quarkus loads the application in its own class loader).
 */
final class FakeSmsGateway {

    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Set<String> REFUSE_ONCE = ConcurrentHashMap.newKeySet();
    private static HttpServer server;

    private FakeSmsGateway() {
    }

    /** Starts the gateway once; answers the base URL, whose {@code /sms} path takes messages. */
    static synchronized String start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/sms", exchange -> {
                String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (REFUSE_ONCE.removeIf(number -> text.contains("\"" + number + "\""))) {
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    RECEIVED.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + text);
                    exchange.sendResponseHeaders(202, -1);
                }
                exchange.close();
            });
            server.createContext("/refuse-once", exchange -> {
                REFUSE_ONCE.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.createContext("/received", exchange -> {
                byte[] body = String.join("\n", RECEIVED).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Client side: {@code smsUrl} is the configured webhook URL. */
    static void refuseOnce(String smsUrl, String number) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(smsUrl.replace("/sms", "/refuse-once")))
                .POST(HttpRequest.BodyPublishers.ofString(number)).build(), HttpResponse.BodyHandlers.discarding());
    }

    static List<String> received(String smsUrl) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(smsUrl.replace("/sms", "/received")))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }
}
