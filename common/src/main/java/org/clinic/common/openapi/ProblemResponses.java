package org.clinic.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.clinic.common.problem.Problem;

/**
 * Every error response of every operation is an RFC 9457 problem: this filter gives each 4xx/5xx
 * response without content the {@code application/problem+json} body, so that endpoints only
 * document their status codes and descriptions. Every operation also lists the 503 of a database
 * that cannot be reached. (The Problem schema is registered by TokenInfoResource, present in every
 * service.)
 */
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String DATABASE_UNREACHABLE =
            "TRY_AGAIN: the database could not be reached for a moment; try again after Retry-After";

    @Override
    public APIResponse filterAPIResponse(APIResponse response) {
        return response;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                return;
            }
            if (!operation.getResponses().hasAPIResponse("503")) {
                // Any operation that reads or writes the database answers so while PostgreSQL restarts (ProblemMapper).
                operation.getResponses().addAPIResponse("503", OASFactory.createAPIResponse().description(DATABASE_UNREACHABLE));
            }
            operation.getResponses().getAPIResponses().forEach((status, response) -> {
                boolean error = status.startsWith("4") || status.startsWith("5");
                boolean empty = response.getContent() == null || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty();
                if (error && empty) {
                    response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
                }
            });
        }));
    }
}
