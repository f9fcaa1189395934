package hk.tsw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void plainReferencesAreKeptAsTheyAre() {
        assertEquals("REF-0042_a.b", FileNames.safe("REF-0042_a.b"));
    }

    @Test
    void pathTraversalCannotLeaveTheDirectory() {
        Path dir = Path.of("/srv/outbox");
        for (String evil : new String[] {"..", "../../etc/passwd", "..\\..\\boot.ini", ".", "...", "/etc/passwd"}) {
            String safe = FileNames.safe(evil);
            Path resolved = dir.resolve(safe).normalize();
            assertEquals(dir, resolved.getParent(), evil + " -> " + safe);
            assertFalse(safe.startsWith("."), evil + " -> " + safe);
        }
        assertEquals("___.._etc_passwd", FileNames.safe("../../etc/passwd"), "no separator survives");
    }

    @Test
    void separatorsAndControlCharactersBecomeUnderscores() {
        assertEquals("a_b_c", FileNames.safe("a/b\\c"));
        assertEquals("a_b_c_d", FileNames.safe("a\u0000b\nc\td"));
        assertEquals("r_sum__1", FileNames.safe("résumé 1").replace("é", "_").substring(0, 8));
        assertEquals("x_y", FileNames.safe("x:y"));
    }

    @Test
    void emptyOrBlankGivesTheFallback() {
        assertEquals("unknown", FileNames.safe(null));
        assertEquals("unknown", FileNames.safe(""));
        assertEquals("unknown", FileNames.safe("   "));
        assertEquals("document", FileNames.safe(null, "document"));
        assertEquals("submission", FileNames.safe("", "submission"));
    }

    @Test
    void longNamesAreCutKeepingAShortExtension() {
        String name = "A".repeat(500) + ".contrl.edi";
        String safe = FileNames.safe(name);
        assertEquals(FileNames.MAX_LENGTH, safe.length());
        assertTrue(safe.endsWith(".edi"), safe);
        String noExtension = "B".repeat(400);
        assertEquals("B".repeat(FileNames.MAX_LENGTH), FileNames.safe(noExtension));
        String exactly = "C".repeat(FileNames.MAX_LENGTH);
        assertEquals(exactly, FileNames.safe(exactly));
    }
}
