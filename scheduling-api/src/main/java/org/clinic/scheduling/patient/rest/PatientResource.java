package org.clinic.scheduling.patient.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.clinic.common.problem.Problem;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.ClinicClaims;
import org.clinic.scheduling.patient.Patient;
import org.clinic.scheduling.patient.PatientAccess;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/patients")
@Tag(name = "Patients", description = "Patient profiles")
@SecurityRequirement(name = "bearer")
public class PatientResource {

    private final JsonWebToken caller;

    public PatientResource(JsonWebToken caller) {
        this.caller = caller;
    }

    @Schema(name = "Patient")
    public record PatientView(UUID id, String firstName, String lastName, LocalDate dateOfBirth, String phone,
                              String email) {
        static PatientView of(Patient p) {
            return new PatientView(p.id, p.firstName, p.lastName, p.dateOfBirth, p.phone, p.email);
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"PATIENT", "DOCTOR", "STAFF", "ADMIN"})
    @WithSession
    @Operation(summary = "Get a patient's profile (the patient themself, staff or admins)")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "404", description = "No such patient, or not one the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PatientView> getPatient(@RestPath UUID id) {
        if (!PatientAccess.canRead(caller.getGroups(), ClinicClaims.patientId(caller), id)) {
            return Uni.createFrom().failure(ProblemException.notFound("Patient " + id));
        }
        return Patient.<Patient>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Patient " + id))
                .map(PatientView::of);
    }
}
