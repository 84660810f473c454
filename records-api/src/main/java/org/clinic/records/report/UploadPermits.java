package org.clinic.records.report;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Room for uploads in progress: a count and a byte budget, both taken before a body is read and
 * given back when its request ends, however it ends.
 */
@ApplicationScoped
public class UploadPermits {

    private final int maxUploads;
    private final long maxBytes;
    private int uploads;
    private long bytes;

    public UploadPermits(ReportUploadConfig config) {
        this.maxUploads = config.maxConcurrent();
        this.maxBytes = config.maxInFlightBytes();
    }

    /** Takes room for an upload of {@code size} bytes, or answers false when there is none. */
    public synchronized boolean tryTake(long size) {
        if (uploads >= maxUploads || bytes + size > maxBytes) {
            return false;
        }
        uploads++;
        bytes += size;
        return true;
    }

    public synchronized void giveBack(long size) {
        uploads--;
        bytes -= size;
    }

    public synchronized int inProgress() {
        return uploads;
    }
}
