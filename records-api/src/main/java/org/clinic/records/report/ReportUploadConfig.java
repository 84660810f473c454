package org.clinic.records.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How many report uploads (and downloads) records-api takes at once (prefix {@code clinic.records.uploads}).
 * An upload holds its sealed file in memory until it is stored (about twice its size while the
 * database client sends it), so these two bound the memory uploads can take; README § Configuration.
 */
@ConfigMapping(prefix = "clinic.records.uploads")
public interface ReportUploadConfig {

    /** Uploads in progress at once; more are answered 503 with Retry-After before their body is read. */
    @WithDefault("4")
    int maxConcurrent();

    /** Sum of the declared sizes (Content-Length) of the uploads in progress. */
    @WithDefault("41943040")
    long maxInFlightBytes();

    /** Report downloads in progress at once; more are answered 503 with Retry-After before the file is loaded. */
    @WithDefault("8")
    int maxConcurrentDownloads();

    /** Memory the downloads in progress may hold: twice the size of each file (sealed and opened). */
    @WithDefault("67108864")
    long maxDownloadBytes();

    /**
     * A temporary upload file nobody wrote to for this long is a leftover: of a client that went
     * away mid-upload (Quarkus REST's multipart parser keeps the partial file), or of a process that died.
     */
    @WithDefault("2m")
    Duration staleAfter();
}
