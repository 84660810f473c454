package org.clinic.records.report;

import jakarta.inject.Singleton;

/**
 * Room for report downloads in progress: a download holds its file twice in memory (sealed and
 * opened) until the client has read it, so a flood of downloads is bounded like one of uploads.
 */
@Singleton // not proxied: the shared TransferRoom has no no-argument constructor
public class DownloadPermits extends TransferRoom {

    public DownloadPermits(ReportUploadConfig config) {
        super(config.maxConcurrentDownloads(), config.maxDownloadBytes());
    }
}
