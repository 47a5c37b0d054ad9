package dev.newsroom.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommentUploaderTest {

    private static ImportPlan.Comment comment(String ref, String parent) {
        return new ImportPlan.Comment(ref, Optional.ofNullable(parent), "N", Optional.empty(), Optional.empty(), "B",
                "2024-05-01T10:00:00Z", "approved");
    }

    @Test
    void sendsWholeThreadsUpToTheApisLimitARequest() {
        List<ImportPlan.Comment> comments = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            comments.add(comment("a" + i, i == 0 ? null : "a" + (i - 1)));
        }
        for (int i = 0; i < 100; i++) {
            comments.add(comment("b" + i, i == 0 ? null : "b0"));
        }
        comments.add(comment("c", null));

        List<List<ImportPlan.Comment>> requests = CommentUploader.requests(comments);

        assertEquals(List.of(150, 101), requests.stream().map(List::size).toList(), "a thread is never split across requests");
        assertEquals("b0", requests.get(1).get(0).ref());
        assertEquals(1, CommentUploader.requests(List.of(comment("x", null))).size());
    }
}
