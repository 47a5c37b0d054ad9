package dev.newsroom.comments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/comments.md's error table and {@link ErrorKind} list the same codes, statuses and messages. */
class ErrorKindsDocumentedTest {

    /** A row of the table: {@code | 409 | `duplicate_comment` | "You have already posted this comment." | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| `([a-z_]+)` \\| \"([^\"]*)\".*");

    private record Row(int status, String message) {
    }

    @Test
    void theDocsListEveryKindWithItsStatusAndNothingElse() throws IOException {
        Map<String, Integer> inCode = Arrays.stream(ErrorKind.values())
                .collect(Collectors.toMap(ErrorKind::code, ErrorKind::status, (a, b) -> {
                    throw new AssertionError("two kinds share a code");
                }, TreeMap::new));
        Map<String, Integer> inDocs = new TreeMap<>();
        documented().forEach((code, row) -> inDocs.put(code, row.status()));
        assertEquals(inCode, inDocs);
    }

    /** The first message a row gives is the kind's own, unless the call site words it with the field's name (*name*). */
    @Test
    void theDocsGiveEachKindsMessage() throws IOException {
        Map<String, Row> rows = documented();
        for (ErrorKind kind : ErrorKind.values()) {
            String documented = rows.get(kind.code()).message();
            if (!documented.contains("*")) {
                assertEquals(kind.message(), documented, kind.code());
            }
        }
    }

    private static Map<String, Row> documented() throws IOException {
        Path root = CloudFormationTemplate.repositoryRoot();
        String docs = Files.readString(root.resolve("docs/comments.md"));
        int start = docs.indexOf("### Errors");
        assertTrue(start >= 0, "docs/comments.md has an Errors section");
        int end = docs.indexOf("\n## ", start);
        Map<String, Row> rows = new TreeMap<>();
        for (String line : docs.substring(start, end < 0 ? docs.length() : end).split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertNull(rows.put(row.group(2), new Row(Integer.parseInt(row.group(1)), row.group(3))),
                        row.group(2) + " is documented once");
            }
        }
        return rows;
    }
}
