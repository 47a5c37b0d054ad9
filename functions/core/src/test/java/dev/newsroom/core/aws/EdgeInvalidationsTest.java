package dev.newsroom.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EdgeInvalidationsTest {

    @Test
    void sendsEachPathOnceEscapedAsBrowsersRequestIt() {
        assertEquals(List.of("/", "/index.html", "/tag/caf%C3%A9/", "/tag/deux%20mots", "/tag/fifty%25", "/tag/star%2A"),
                EdgeInvalidations.batch(List.of("/tag/café/", "/index.html", "/", "/tag/deux mots", "/tag/fifty%", "/tag/star*", "/")));
    }

    @Test
    void sendsOneWildcardForMorePathsThanCloudFrontTakesAtOnce() {
        List<String> many = IntStream.rangeClosed(1, EdgeInvalidations.MAX_PATHS + 1).mapToObj(i -> "/articles/a" + i).toList();

        assertEquals(List.of("/*"), EdgeInvalidations.batch(many));
        assertEquals(EdgeInvalidations.MAX_PATHS, EdgeInvalidations.batch(many.subList(0, EdgeInvalidations.MAX_PATHS)).size());
    }

    @Test
    void namesTheSameBatchOnTheSameOccasionAlikeAndAnyOtherDifferently() {
        List<String> batch = List.of("/articles/x", "/articles/x.html");

        assertEquals(EdgeInvalidations.callerReference(batch, "takedown /articles/x version 3"),
                EdgeInvalidations.callerReference(batch, "takedown /articles/x version 3"));
        assertNotEquals(EdgeInvalidations.callerReference(batch, "takedown /articles/x version 3"),
                EdgeInvalidations.callerReference(batch, "takedown /articles/x version 5"), "taken down again after a lift");
        assertNotEquals(EdgeInvalidations.callerReference(batch, "takedown /articles/x version 3"),
                EdgeInvalidations.callerReference(List.of("/articles/x"), "takedown /articles/x version 3"));
    }
}
