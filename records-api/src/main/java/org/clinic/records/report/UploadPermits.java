package org.clinic.records.report;

import jakarta.inject.Singleton;

/** Room for uploads in progress, taken before a body is read (ReportUploadGate). */
@Singleton // not proxied: the shared TransferRoom has no no-argument constructor
public class UploadPermits extends TransferRoom {

    public UploadPermits(ReportUploadConfig config) {
        super(config.maxConcurrent(), config.maxInFlightBytes());
    }
}
