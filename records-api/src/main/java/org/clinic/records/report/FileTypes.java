package org.clinic.records.report;

import java.util.Arrays;
import java.util.Map;

/** The file types a report may have, recognised by their first bytes, whatever the upload claims. */
public final class FileTypes {

    private static final Map<String, byte[]> SIGNATURES = Map.of(
            "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

    private FileTypes() {
    }

    public static boolean accepted(String contentType) {
        return contentType != null && SIGNATURES.containsKey(contentType);
    }

    /** Whether the content starts the way files of the declared type do. */
    public static boolean matches(String contentType, byte[] content) {
        byte[] signature = SIGNATURES.get(contentType);
        return signature != null && content.length >= signature.length
                && Arrays.equals(Arrays.copyOf(content, signature.length), signature);
    }

    public static String acceptedList() {
        return String.join(", ", SIGNATURES.keySet().stream().sorted().toList());
    }
}
