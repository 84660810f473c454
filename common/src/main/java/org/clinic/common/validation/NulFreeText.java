package org.clinic.common.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every string of every JSON request body is refused when it holds a NUL character ({@code \u0000}):
 * PostgreSQL cannot store it (22021, a 500 otherwise). The failure is a Jackson mapping error
 * carrying the field's path, which ProblemMapper turns into a 400 naming the field.
 */
@Singleton
public class NulFreeText implements ObjectMapperCustomizer {

    public static final String MESSAGE = "must not contain a NUL character";

    static boolean containsNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("nul-free-text").addDeserializer(String.class, new Strings()));
    }

    /** Jackson's own string reading, then the NUL check. */
    static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (containsNul(text)) {
                throw new NulCharacterException(parser);
            }
            return text;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** A string with NUL in a request body; ProblemMapper names its field. */
    public static final class NulCharacterException extends InvalidFormatException {

        NulCharacterException(JsonParser parser) {
            // The value is not kept in the exception: it may be personal data.
            super(parser, "String " + MESSAGE, null, String.class);
        }
    }
}
