package org.clinic.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** See {@link PlausibleTime}; compared as instants, so any offset is judged alike. */
public class PlausibleTimeValidator implements ConstraintValidator<PlausibleTime, Object> {

    private static final Instant EARLIEST = LocalDate.of(PlausibleTime.FIRST_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LATEST = LocalDate.of(PlausibleTime.LAST_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value instanceof LocalDate date) {
            return date.getYear() >= PlausibleTime.FIRST_YEAR && date.getYear() <= PlausibleTime.LAST_YEAR;
        }
        Instant instant = value instanceof OffsetDateTime time ? time.toInstant()
                : value instanceof ZonedDateTime time ? time.toInstant()
                : value instanceof Instant time ? time
                : null;
        return instant == null || (!instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST));
    }
}
