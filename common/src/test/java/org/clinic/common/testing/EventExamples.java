package org.clinic.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the example events under {@code deploy/events/}: producers and consumers test against the
 * same files, so the two sides cannot drift apart.
 */
public final class EventExamples {

    private EventExamples() {
    }

    public static String read(String fileName) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("deploy/events"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("deploy/events not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(directory.resolve("deploy/events").resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
