package org.clinic.records.report;

/**
 * Room for file transfers in progress: a count and a byte budget, taken before the bytes are held
 * and given back when the request ends, however it ends. One for uploads, one for downloads.
 */
abstract class TransferRoom {

    private final int maxTransfers;
    private final long maxBytes;
    private int transfers;
    private long bytes;

    TransferRoom(int maxTransfers, long maxBytes) {
        this.maxTransfers = maxTransfers;
        this.maxBytes = maxBytes;
    }

    /** Takes room for a transfer of {@code size} bytes, or answers false when there is none. */
    public synchronized boolean tryTake(long size) {
        if (transfers >= maxTransfers || bytes + size > maxBytes) {
            return false;
        }
        transfers++;
        bytes += size;
        return true;
    }

    public synchronized void giveBack(long size) {
        transfers--;
        bytes -= size;
    }

    public synchronized int inProgress() {
        return transfers;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
