package dev.newsroom.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.newsroom.core.site.SiteLayout;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListingKeyTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void theSiteIsArchivedByDayAndTheRestByMonthInTheSitesZone() {
        Instant lateEvening = Instant.parse("2026-11-30T23:30:00Z");
        Archive day = Archive.of(ListingKey.HOME, lateEvening, OSLO);
        assertEquals("2026-12-01", day.id(), "already 1 December in Oslo");
        assertEquals("/archive/2026/12/01", ListingKey.HOME.archivePath(day));
        Archive month = Archive.of(ListingKey.tag("tram"), lateEvening, OSLO);
        assertEquals("2026-12", month.id());
        assertEquals("tag/tram/2026/12.html", SiteLayout.objectKey(ListingKey.tag("tram").archivePath(month)));
        assertEquals("December 2026", month.label(Locale.ENGLISH));
        assertEquals(Instant.parse("2026-12-31T23:00:00Z"), month.end(OSLO));
        assertEquals(month, Archive.parse(month.id()));
        assertEquals(day, Archive.parse(day.id()));
    }

    @Test
    void idsAndPathsAreTheSitesOwn() {
        assertEquals("all", ListingKey.HOME.id());
        assertEquals("tag#tram", ListingKey.tag("tram").id());
        assertEquals("index.html", SiteLayout.objectKey(ListingKey.HOME.path()));
        assertEquals("category/city.html", SiteLayout.objectKey(ListingKey.category("city").path()));
        assertEquals("/category/city/feed.xml", ListingKey.category("city").feedPath());
        assertEquals("/tag/tram/feed.xml", ListingKey.tag("tram").feedPath(), "every listing has its feeds");
        assertEquals("/author/amara-okafor/rss.xml", ListingKey.author("amara-okafor").rssPath());
        assertEquals("/rss.xml", ListingKey.HOME.rssPath());
    }

    @Test
    void refusesSlugsThatCouldLeaveTheirFolder_C4() {
        assertThrows(IllegalArgumentException.class, () -> ListingKey.tag("../index"));
        assertThrows(IllegalArgumentException.class, () -> ListingKey.category("a/b"));
        assertThrows(IllegalArgumentException.class, () -> new ListingKey(ListingKey.Kind.HOME, "x"));
        assertThrows(IllegalArgumentException.class, () -> new ListingKey(ListingKey.Kind.HOME, "../es"));
    }

    @Test
    void aLanguageHomeHasItsOwnPagesFeedAndSitemapsUnderItsPrefix() {
        ListingKey spanish = ListingKey.home(Optional.of("es"));
        Archive day = new Archive(java.time.LocalDate.of(2026, 5, 21), true);
        assertEquals("all#es", spanish.id());
        assertEquals("/es/", spanish.path());
        assertEquals("/es/archive/2026/05/21", spanish.archivePath(day));
        assertEquals("/es/feed.xml", spanish.feedPath());
        assertEquals("/es/rss.xml", spanish.rssPath());
        assertEquals("/es/sitemaps/2026-05-21.xml", spanish.sitemapPath(day));
        assertEquals("/es/sitemap.xml", spanish.sitemapIndexPath());
        assertEquals("/es/news-sitemap.xml", spanish.newsSitemapPath());
        assertEquals(Optional.of("es"), spanish.lang());
        assertEquals(ListingKey.HOME, ListingKey.home(Optional.empty()));
        assertEquals("/sitemaps/2026-05-21.xml", ListingKey.HOME.sitemapPath(day));
        assertEquals("all", ListingKey.HOME.id());
    }
}
