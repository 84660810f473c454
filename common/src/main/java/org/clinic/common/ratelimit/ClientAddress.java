package org.clinic.common.ratelimit;

import io.vertx.core.http.HttpServerRequest;

/**
 * The caller's address. Behind a proxy (Knative, an ingress) it is the forwarded address only when
 * {@code quarkus.http.proxy.proxy-address-forwarding} is enabled for trusted proxies.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
