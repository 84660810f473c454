package org.clinic.records.report;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.clinic.common.problem.Problem;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.records.RecordsConfig;
import org.clinic.records.access.RecordAccess;
import org.clinic.records.access.RecordAccess.Need;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Decides a report upload before its body is read: Quarkus REST runs request filters before it
 * parses a multipart body (to a temporary file), so a caller who may not write this record, an
 * upload declared larger than the cap, or one beyond the room for uploads in progress costs a
 * database round trip, not 10 MB of reading, hashing and sealing. The room taken is given back when
 * the request ends, whether it succeeded, failed or the client went away.
 */
public class ReportUploadGate {

    /** Headroom for the multipart framing and the text fields around the file. */
    static final long FORM_OVERHEAD = 64 * 1024;
    static final int RETRY_AFTER_SECONDS = 2;

    private final UploadPermits permits;
    private final RecordAccess access;
    private final RecordsConfig config;
    private final ReportUploadConfig uploads;
    private final CurrentIdentityAssociation identity;
    private final LeftoverUploads leftovers;

    public ReportUploadGate(UploadPermits permits, RecordAccess access, RecordsConfig config, ReportUploadConfig uploads,
                            CurrentIdentityAssociation identity, LeftoverUploads leftovers) {
        this.permits = permits;
        this.access = access;
        this.config = config;
        this.uploads = uploads;
        this.identity = identity;
        this.leftovers = leftovers;
    }

    @ServerRequestFilter
    public Uni<Response> admitUpload(ContainerRequestContext context, SimpleResourceInfo resource, RoutingContext routing) {
        if (resource.getResourceClass() != ReportResource.class || !"uploadReport".equals(resource.getMethodName())) {
            return Uni.createFrom().nullItem();
        }
        long declared = declaredLength(context);
        if (declared > config.maxReportBytes() + FORM_OVERHEAD) {
            return refuse(routing, new ProblemException(413, "FILE_TOO_LARGE", "Content too large",
                    "The upload has " + declared + " bytes; the file limit is " + config.maxReportBytes()));
        }
        UUID patientId = patientId(context);
        return identity.getDeferredIdentity().chain(caller -> {
            if (caller.isAnonymous() || !(caller.getPrincipal() instanceof JsonWebToken token)) {
                return Uni.createFrom().nullItem(); // @RolesAllowed answers 401
            }
            // Access first: a caller who may not write here never takes room from those who may.
            return access.withRecord(Caller.of(token), patientId, Need.WRITE, grant -> Uni.createFrom().voidItem())
                    .onFailure().invoke(refused -> routing.response().putHeader(HttpHeaders.CONNECTION, "close"))
                    .map(allowed -> admit(context, routing, declared));
        });
    }

    /** Takes room for the upload until its request ends, or answers 503 when there is none. */
    private Response admit(ContainerRequestContext context, RoutingContext routing, long declared) {
        long room = Math.min(declared < 0 ? config.maxReportBytes() + FORM_OVERHEAD : declared, uploads.maxInFlightBytes());
        if (!permits.tryTake(room)) {
            routing.response().putHeader(HttpHeaders.CONNECTION, "close");
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(Problem.of(503, "TRY_AGAIN", "Service Unavailable",
                            "Too many reports are being uploaded; nothing was stored, try again after Retry-After",
                            context.getUriInfo().getRequestUri().getRawPath()))
                    .build();
        }
        routing.addEndHandler(ended -> {
            permits.giveBack(room);
            if (!routing.request().isEnded()) {
                leftovers.sweepLater(); // the client went away before the whole body came
            }
        });
        return null;
    }

    /** The refused body is not read: the connection closes after the answer. */
    private static Uni<Response> refuse(RoutingContext routing, ProblemException problem) {
        routing.response().putHeader(HttpHeaders.CONNECTION, "close");
        return Uni.createFrom().failure(problem);
    }

    private static long declaredLength(ContainerRequestContext context) {
        String header = context.getHeaderString("Content-Length");
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static UUID patientId(ContainerRequestContext context) {
        try {
            return UUID.fromString(context.getUriInfo().getPathParameters().getFirst("patientId"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField("patientId", "must be a UUID");
        }
    }
}
