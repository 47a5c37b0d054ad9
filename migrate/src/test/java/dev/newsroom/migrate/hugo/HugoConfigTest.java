package dev.newsroom.migrate.hugo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Hugo site's configuration, in each form Hugo reads. */
class HugoConfigTest {

    @TempDir
    Path site;

    @Test
    void readsTomlAtTheRoot() throws IOException {
        Files.writeString(site.resolve("hugo.toml"), """
                baseURL = 'https://example.org/'
                title = 'Example'
                defaultContentLanguage = 'fr'
                buildExpired = true
                ignoreFiles = ['\\.draft\\.md$']
                [languages.fr]
                weight = 1
                [languages.en]
                contentDir = 'content/english'
                [permalinks.page]
                posts = '/:year/:slug/'
                """);
        HugoConfig config = HugoConfig.read(site);
        assertEquals("Example", config.title());
        assertEquals("fr", config.defaultLanguage());
        assertTrue(config.buildExpired());
        assertEquals(Optional.of("content/english"), config.languages().get("en").contentDir());
        assertEquals("/:year/:slug/", config.permalinks().get("posts"));
        assertTrue(config.ignoreFiles().get(0).matcher("posts/a.draft.md").find());
        assertEquals(List.of("hugo.toml"), config.sources());
    }

    @Test
    void mergesTheConfigFolderWithOneFilePerKey() throws IOException {
        Files.createDirectories(site.resolve("config/_default"));
        Files.writeString(site.resolve("config/_default/hugo.yaml"), """
                title: OpenTelemetry
                cascade:
                  - build: { render: never }
                    target: { path: '{,/**}/_includes{,/**}' }
                """);
        Files.writeString(site.resolve("config/_default/languages.yaml"), "en: {weight: 1}\nja: {weight: 2}\n");
        Files.writeString(site.resolve("config/_default/params.json"), "{\"notes\": {\"compose\": \"Use Compose V2.\"}}");
        HugoConfig config = HugoConfig.read(site);
        assertEquals("OpenTelemetry", config.title());
        assertTrue(config.isLanguage("JA"));
        assertEquals("Use Compose V2.", ((java.util.Map<?, ?>) config.params().get("notes")).get("compose"));
        assertTrue(config.neverRenders("/blog/_includes/snippet.md"));
        assertFalse(config.neverRenders("/blog/2024/post.md"));
    }

    @Test
    void readsMenusInEveryFormHugoTakes() throws IOException {
        Files.createDirectories(site.resolve("config/_default"));
        Files.writeString(site.resolve("config/_default/hugo.toml"), "[[menu.footer]]\nname = 'RSS'\nurl = '/index.xml'\n");
        Files.writeString(site.resolve("config/_default/menus.toml"), "[[main]]\nname = 'About'\npageRef = '/about'\n");
        Files.writeString(site.resolve("config/_default/menus.ja.toml"), "[[main]]\nname = 'ブログ'\nurl = '/ja/blog/'\n");
        Files.writeString(site.resolve("config/_default/menus.fr.toml"), "[[main]]\nname = 'Blogue'\nurl = '/fr/blog/'\n");
        Files.writeString(site.resolve("config/_default/languages.toml"), "[en]\nweight = 1\n[ja]\nweight = 2\n");
        HugoConfig config = HugoConfig.read(site);
        assertFalse(config.isLanguage("fr"), "the menus of a language the site does not have make no language");
        assertEquals(java.util.Set.of("footer", "main"), config.menus().get("").keySet(), "menu and menus, in hugo.toml and their own file");
        assertEquals("ブログ", ((java.util.Map<?, ?>) ((List<?>) config.menus().get("ja").get("main")).get(0)).get("name"),
                "menus.ja.toml is Japanese's");
    }

    @Test
    void saysWhatIsMissingOrBroken_C14() throws IOException {
        assertTrue(assertThrows(IOException.class, () -> HugoConfig.read(site)).getMessage().contains("no Hugo configuration"));
        Files.writeString(site.resolve("hugo.toml"), "title = 'unclosed");
        assertTrue(assertThrows(IOException.class, () -> HugoConfig.read(site)).getMessage().contains("not valid configuration"));
    }
}
