package org.clinic.records.prescription;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.clinic.records.entry.Contents;

/**
 * Renders a printable prescription (A4): clinic, patient, prescriber with license number, date,
 * the medication lines, notes and a signature block. Uses PDF's standard fonts (no AWT, nothing to
 * embed); characters they cannot show become '?'. CPU work: callers run it on a worker thread.
 */
@ApplicationScoped
public class PrescriptionPdf {

    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    /** What goes on the page. */
    public record Sheet(String clinicName, String patientName, String prescriberName, String licenseNumber,
                        LocalDate issuedOn, UUID prescriptionId, int version, Contents.Prescription content) {
    }

    public byte[] render(Sheet sheet) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Prescription " + sheet.prescriptionId());
            info.setProducer("clinic records-api");
            Writer writer = new Writer(document);
            writer.line(writer.bold, 16, sheet.clinicName());
            writer.line(writer.bold, 13, "Prescription");
            writer.gap(8);
            writer.line(writer.regular, 10, "Patient: " + sheet.patientName());
            writer.line(writer.regular, 10, "Prescriber: " + sheet.prescriberName() + "   License no. " + sheet.licenseNumber());
            writer.line(writer.regular, 10, "Date: " + sheet.issuedOn());
            writer.line(writer.regular, 8, "Prescription " + sheet.prescriptionId() + ", version " + sheet.version());
            writer.gap(12);
            int number = 1;
            for (Contents.MedicationLine line : sheet.content().lines()) {
                writer.line(writer.bold, 11, number++ + ". " + line.medicine() + " " + line.strength());
                writer.wrapped(writer.regular, 10, "   " + line.dose() + ", " + route(line.route()) + ", " + line.frequency()
                        + ", for " + line.durationDays() + " days");
                writer.line(writer.regular, 10, "   Quantity: " + line.quantity() + "   Refills: " + line.refills());
                if (line.instructions() != null && !line.instructions().isBlank()) {
                    writer.wrapped(writer.regular, 10, "   Instructions: " + line.instructions());
                }
                writer.gap(6);
            }
            if (sheet.content().notes() != null && !sheet.content().notes().isBlank()) {
                writer.wrapped(writer.regular, 10, "Notes: " + sheet.content().notes());
            }
            writer.gap(40);
            writer.line(writer.regular, 10, "Signature: ________________________________");
            writer.line(writer.regular, 10, sheet.prescriberName() + ", license no. " + sheet.licenseNumber());
            writer.close();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Prescription PDF could not be written", e);
        }
    }

    private static String route(Contents.Route route) {
        return route.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Writes lines top to bottom, starting a new page when one is full. One per rendering: PDFBox fonts are not thread-safe. */
    private static final class Writer {
        final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

        private final PDDocument document;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument document) throws IOException {
            this.document = document;
            newPage();
        }

        void line(PDType1Font font, float size, String text) throws IOException {
            if (y < MARGIN + size) {
                newPage();
            }
            y -= size * 1.4f;
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(printable(font, text));
            stream.endText();
        }

        void wrapped(PDType1Font font, float size, String text) throws IOException {
            for (String part : wrap(font, size, printable(font, text))) {
                line(font, size, part);
            }
        }

        void gap(float points) {
            y -= points;
        }

        void close() throws IOException {
            stream.close();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = page.getMediaBox().getHeight() - MARGIN;
        }

        private static List<String> wrap(PDType1Font font, float size, String text) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size > WIDTH && !current.isEmpty()) {
                    lines.add(current.toString());
                    current = new StringBuilder("   " + word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            lines.add(current.toString());
            return lines;
        }

        /** The standard fonts cover Latin-1 (WinAnsi); anything else would make showText fail. */
        private static String printable(PDType1Font font, String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                String c = new String(Character.toChars(cp));
                try {
                    font.encode(c);
                    out.append(c);
                } catch (IOException | IllegalArgumentException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }
    }
}
