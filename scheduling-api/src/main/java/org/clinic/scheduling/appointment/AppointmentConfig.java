package org.clinic.scheduling.appointment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When the front desk and the doctor may move an appointment, relative to its start. */
@ConfigMapping(prefix = "clinic.appointments")
public interface AppointmentConfig {

    /** How long before the start a patient may be checked in (CLINIC_APPOINTMENTS_CHECK_IN_OPENS_BEFORE). */
    @WithDefault("60m")
    Duration checkInOpensBefore();

    /** How long after the start a patient who has not come is a no-show (CLINIC_APPOINTMENTS_NO_SHOW_GRACE). */
    @WithDefault("15m")
    Duration noShowGrace();

    default AppointmentTransitions.Windows windows() {
        return new AppointmentTransitions.Windows(checkInOpensBefore(), noShowGrace());
    }
}
