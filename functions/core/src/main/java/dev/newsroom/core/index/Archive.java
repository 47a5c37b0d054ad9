package dev.newsroom.core.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One archive page of a listing: a day of the whole site, or a month of a category, tag or author.
 * Pages cover a span of time, not a count of articles, so a new or withdrawn article changes one
 * archive page and no other. The site's pages are days so that none grows with how much a site
 * publishes in a month.
 */
public record Archive(LocalDate first, boolean daily) implements Comparable<Archive> {

    public static Archive of(ListingKey key, Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return key.kind() == ListingKey.Kind.HOME ? new Archive(day, true) : new Archive(day.withDayOfMonth(1), false);
    }

    /** {@code 2024-05-04} for a day, {@code 2024-05} for a month. */
    public static Archive parse(String id) {
        return id.length() > 7 ? new Archive(LocalDate.parse(id), true) : new Archive(YearMonth.parse(id).atDay(1), false);
    }

    public String id() {
        return daily ? first.toString() : YearMonth.from(first).toString();
    }

    /** The first day after it. */
    public LocalDate end() {
        return daily ? first.plusDays(1) : first.plusMonths(1);
    }

    public Instant start(ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    public Instant end(ZoneId zone) {
        return end().atStartOfDay(zone).toInstant();
    }

    /** The path under its listing: {@code 2024/05/04} or {@code 2024/05}. */
    public String pathSuffix() {
        return id().replace('-', '/');
    }

    public String label(Locale locale) {
        return DateTimeFormatter.ofPattern(daily ? "d MMMM uuuu" : "MMMM uuuu", locale).format(first);
    }

    @Override
    public int compareTo(Archive other) {
        return first.compareTo(other.first);
    }
}
