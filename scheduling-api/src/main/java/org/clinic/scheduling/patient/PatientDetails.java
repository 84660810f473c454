package org.clinic.scheduling.patient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.LocalDate;
import java.util.List;

/** The structured parts of a patient's profile, stored as JSON. */
public final class PatientDetails {

    private PatientDetails() {
    }

    @RegisterForReflection
    public record Address(String line1, String line2, String city, String postalCode, String region, String country) {
    }

    @RegisterForReflection
    public record EmergencyContact(@NotBlank @Size(max = 200) String name, String relationship, String phone) {
    }

    /** An identifier issued by some system, e.g. a national health number. */
    @RegisterForReflection
    public record Identifier(@NotBlank @Size(max = 200) String system, @NotBlank @Size(max = 100) String value) {
    }

    @RegisterForReflection
    public record Coverage(@NotBlank @Size(max = 200) String payer, String plan, String memberId, String groupNumber, LocalDate validFrom,
                           LocalDate validTo, boolean primary) {
    }


    /** Stores a value as a JSON document; its own mapper, independent of the REST layer's settings. */
    abstract static class JsonColumn<T> implements AttributeConverter<T, String> {

        private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

        private final TypeReference<T> type;

        JsonColumn(TypeReference<T> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            try {
                return value == null ? null : MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Not serializable as JSON", e);
            }
        }

        @Override
        public T convertToEntityAttribute(String json) {
            try {
                return json == null ? null : MAPPER.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored JSON does not match its type", e);
            }
        }
    }

    @Converter
    public static class AddressJson extends JsonColumn<Address> {
        public AddressJson() {
            super(new TypeReference<>() { });
        }
    }

    @Converter
    public static class EmergencyContactJson extends JsonColumn<EmergencyContact> {
        public EmergencyContactJson() {
            super(new TypeReference<>() { });
        }
    }

    @Converter
    public static class IdentifiersJson extends JsonColumn<List<Identifier>> {
        public IdentifiersJson() {
            super(new TypeReference<>() { });
        }
    }

    @Converter
    public static class CoveragesJson extends JsonColumn<List<Coverage>> {
        public CoveragesJson() {
            super(new TypeReference<>() { });
        }
    }
}
