package org.clinic.notifier.message;

import io.quarkus.qute.TemplateData;

/**
 * What a message template may show. Times are already written out in the recipient's language and
 * time zone. Nothing clinical goes into a message (no diagnosis, medicine, report category or
 * access reason): e-mail and SMS are not private channels, the patient reads details in the app.
 *
 * @param recipientName  how the message addresses its reader
 * @param patientName    the patient (doctor messages)
 * @param doctorName     the doctor
 * @param when           start of the appointment, localized, with its time zone
 * @param previousWhen   the former start (reschedules), localized
 * @param place          location name and address, or {@code null} for telehealth
 * @param telehealth     a remote visit
 * @param appointmentType the type of visit, may be empty
 * @param needsAnswer    the doctor has to accept or decline the request
 * @param hoursBefore    the reminder's offset, in hours
 * @param minutesBefore  the reminder's offset when under an hour, in minutes
 * @param appUrl         where the web app lives
 */
@TemplateData // value resolvers generated at build time: no reflection, native-safe
public record MessageModel(
        String recipientName,
        String patientName,
        String doctorName,
        String when,
        String previousWhen,
        String place,
        boolean telehealth,
        String appointmentType,
        boolean needsAnswer,
        long hoursBefore,
        long minutesBefore,
        String appUrl) {
}
