package org.clinic.records.report;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Temporary upload files are deleted when their request ends, except two kinds of leftovers: the
 * partial file of a client that went away mid-upload (Quarkus REST's multipart parser forgets it)
 * and the files of a process that died. Both are files nobody writes to any more, so they are
 * removed once untouched for {@link ReportUploadConfig#staleAfter()}: at start, and after each
 * abandoned upload. A live upload keeps writing to its file, so it is never taken for a leftover.
 */
@ApplicationScoped
public class LeftoverUploads {

    private static final Logger LOG = Logger.getLogger(LeftoverUploads.class);

    private final Path uploads;
    private final ReportUploadConfig config;
    private final Vertx vertx;

    public LeftoverUploads(@ConfigProperty(name = "quarkus.http.body.uploads-directory") String directory,
                           ReportUploadConfig config, Vertx vertx) {
        this.uploads = Path.of(directory);
        this.config = config;
        this.vertx = vertx;
    }

    void atStart(@Observes StartupEvent start) {
        sweep();
    }

    /** An upload was abandoned: its partial file is removed once it is stale (on a worker thread). */
    void sweepLater() {
        vertx.setTimer(config.staleAfter().toMillis() + 500, timer -> vertx.executeBlocking(() -> sweep(), false));
    }

    int sweep() {
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        FileTime before = FileTime.from(Instant.now().minus(config.staleAfter()));
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(uploads)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(before) < 0 && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("Could not sweep the uploads directory: %s", e.getClass().getSimpleName());
        }
        if (removed > 0) {
            LOG.infof("Removed %d temporary upload files left by abandoned uploads or an earlier process", removed);
        }
        return removed;
    }
}
