package org.clinic.notifier.recipient;

import java.util.UUID;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The recipient a signed-in user reads and configures: their doctor profile if they are a doctor, else their patient profile. */
public final class Me {

    private Me() {
    }

    public record Who(UUID id, String kind) {
    }

    public static Who of(JsonWebToken token) {
        Caller caller = Caller.of(token);
        if (caller.is("DOCTOR") && caller.doctorId() != null) {
            return new Who(caller.doctorId(), "DOCTOR");
        }
        if (caller.is("PATIENT") && caller.patientId() != null) {
            return new Who(caller.patientId(), "PATIENT");
        }
        throw ProblemException.forbidden("Notifications belong to patients and doctors; this token names neither");
    }
}
