package dev.newsroom.relate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.core.index.ListingKey;
import dev.newsroom.core.settings.SiteSettings;
import dev.newsroom.core.store.ShellMarker;
import dev.newsroom.core.store.SiteSettingsStore;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The site shell's menus, as the relate function renders them: from the site configuration in
 * force, on the pages it writes, and on every page at once when a new configuration's menus
 * arrive through the marker's stream record.
 */
@ExtendWith(LocalServicesExtension.class)
class MenusOnLocalServicesIT {

    private final Provisioned local;

    MenusOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    private static List<String> mainMenu(String html) {
        return Jsoup.parse(html).select("header nav a").eachText();
    }

    /** Puts a configuration in force as the publish function does, and asks for every page as it does when menus change. */
    private static void configure(RelateWorld world, String sequencer, String yaml) {
        var store = new SiteSettingsStore(world.local.services().dynamoDb(), world.local.name("UploadsTable"), SiteSettings.KEY);
        store.apply(sequencer, yaml, "{}", Instant.now());
        store.applied(sequencer, yaml, Instant.now());
        new ShellMarker(world.local.services().dynamoDb(), world.local.name("ArticlesTable")).bump(sequencer);
    }

    @Test
    void aNewConfigurationsMenusReachEveryPageAtOnce() {
        RelateWorld world = RelateWorld.withSiteOfItsOwn(local);
        world.publish("old", 30, "city", "amara", "tram");
        world.publish("new", 1, "city", "amara", "tram");
        assertEquals(List.of(), world.relate());
        assertEquals(List.of(), mainMenu(world.articlePage("old").orElseThrow()));

        configure(world, "0001", "menus:\n  main:\n    - {name: About, url: /about}\n    - {name: Contact, url: /contact}\n");
        assertEquals(List.of(), world.relate(world.handler(), world.changesAndMarkers()));

        for (String page : List.of(world.articlePage("old").orElseThrow(), world.articlePage("new").orElseThrow(),
                world.page(ListingKey.HOME.path()).orElseThrow(), world.page(ListingKey.category(world.slug("city")).path()).orElseThrow(),
                world.page(ListingKey.tag(world.slug("tram")).path()).orElseThrow())) {
            assertEquals(List.of("About", "Contact"), mainMenu(page), "every page, whether or not its article or listing changed");
        }

        world.publish("newest", 0, "city", "amara", "tram");
        assertEquals(List.of(), world.relate());
        assertEquals(List.of("About", "Contact"), mainMenu(world.page(ListingKey.HOME.path()).orElseThrow()),
                "and every page written after, under the configuration in force");
        assertTrue(world.articlePage("old").orElseThrow().contains("newest story"), "the batch's own changes are rendered too");
    }

    /**
     * A site too large for one invocation: the sweep stops before the function's time is up, the
     * batch is delivered again from the marker, and the next invocation goes on where it stopped;
     * delivered once more after it finished, it renders nothing again.
     */
    @Test
    void everyPageAgainGoesOnInTheNextInvocationWhenTimeRunsShort() {
        RelateWorld world = RelateWorld.withSiteOfItsOwn(local);
        world.publish("old", 30, "city", "amara", "tram");
        world.publish("new", 1, "city", "amara", "tram");
        assertEquals(List.of(), world.relate());
        configure(world, "0001", "menus:\n  main:\n    - {name: About, url: /about}\n");
        var batch = world.changesAndMarkers();
        String marker = batch.get(batch.size() - 1).dynamodb().sequenceNumber();

        // A minute left: the function keeps it for its answer, so the sweep starts nothing, and asks for the batch again.
        assertEquals(List.of(marker), world.relate(world.handler(), batch, dev.newsroom.testkit.LambdaContext.invocationOf("relate", 60)));
        assertEquals(List.of(), mainMenu(world.articlePage("old").orElseThrow()), "nothing rendered yet");

        assertEquals(List.of(), world.relate(world.handler(), batch));
        for (String page : List.of(world.articlePage("old").orElseThrow(), world.page(ListingKey.HOME.path()).orElseThrow())) {
            assertEquals(List.of("About"), mainMenu(page));
        }
        var progress = new dev.newsroom.core.store.SweepProgress(world.local.services().dynamoDb(), world.local.name("IndexTable"));
        assertEquals("done", progress.of("0001").map(dev.newsroom.core.store.SweepProgress.At::part).orElse(""));
        String home = world.page(ListingKey.HOME.path()).orElseThrow();
        assertEquals(List.of(), world.relate(world.handler(), batch), "delivered again after it finished");
        assertEquals(home, world.page(ListingKey.HOME.path()).orElseThrow());
    }
}
