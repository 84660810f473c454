package org.clinic.common.validation;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Map;
import org.clinic.common.problem.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a NUL character ({@code %00}) in any query parameter of any endpoint, naming the
 * parameter. PostgreSQL cannot store or compare text containing NUL (22021), so such a value
 * would otherwise fail deep in a query as a 500.
 */
public class NulFreeQueryParameters {

    @ServerRequestFilter(preMatching = true)
    public void refuseNul(ContainerRequestContext context) {
        if (context.getUriInfo().getRequestUri().getRawQuery() == null) {
            return;
        }
        for (Map.Entry<String, List<String>> parameter : context.getUriInfo().getQueryParameters().entrySet()) {
            if (NulFreeText.containsNul(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(NulFreeText::containsNul)) {
                throw ProblemException.invalidField(NulFreeText.containsNul(parameter.getKey()) ? "query" : parameter.getKey(),
                        NulFreeText.MESSAGE);
            }
        }
    }
}
