package org.clinic.common.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A date or instant from a client lies in the years {@value #FIRST_YEAR}..{@value #LAST_YEAR}.
 * ISO-8601 allows years up to ±999,999,999, which overflow date arithmetic and PostgreSQL's
 * ranges (a 500); refused here as a 400 naming the field. Null is valid (pair with @NotNull).
 * Applies to {@code OffsetDateTime}, {@code ZonedDateTime}, {@code Instant} and {@code LocalDate}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Constraint(validatedBy = PlausibleTimeValidator.class)
public @interface PlausibleTime {

    int FIRST_YEAR = 1900;
    int LAST_YEAR = 9999;

    String message() default "must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
