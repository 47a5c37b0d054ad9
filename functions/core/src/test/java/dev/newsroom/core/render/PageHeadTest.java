package dev.newsroom.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageHeadTest {

    private static final PageHead.Site SITE = new PageHead.Site("en", "The Daily Example", "https://news.example.org/",
            Words.of(java.util.Locale.ENGLISH), new PageShell("", "default-src 'self'", java.util.Optional.empty()), Menus.NONE);

    @Test
    void aHeadHasOnlyWhatItIsGiven() {
        PageHead head = PageHead.of(SITE, "Page not found").build();
        assertEquals(new PageHead(SITE, "Page not found", Optional.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty()), head);
    }

    @Test
    void aBlankDescriptionIsNone() {
        assertFalse(PageHead.of(SITE, "t").description(Optional.of(" \n")).build().description().isPresent());
        assertEquals(Optional.of("Ferries"), PageHead.of(SITE, "t").description(Optional.of("Ferries")).build().description());
    }

    @Test
    void aLinkPreviewNeedsTheCanonicalUrl() {
        var preview = new PageHead.LinkPreview("website", Optional.empty(), Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> PageHead.of(SITE, "t").preview(preview).build());
        assertEquals(Optional.of(preview), PageHead.of(SITE, "t").canonicalUrl("https://news.example.org/x").preview(preview).build().preview());
    }
}
