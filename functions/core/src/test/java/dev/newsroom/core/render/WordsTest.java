package dev.newsroom.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WordsTest {

    private static final Set<String> WORDS = Arrays.stream(Word.values()).map(Word::name).collect(Collectors.toCollection(TreeSet::new));

    @Test
    void everyLanguageHasEveryWordAndKeepsItsPlaceholder() throws Exception {
        Properties english = read(Path.of(WordsTest.class.getResource("Words.properties").toURI()));
        assertEquals(WORDS, new TreeSet<>(english.stringPropertyNames()), "English has every word, and no other");
        List<Path> languages = languageFiles();
        assertTrue(languages.size() >= 9, "the languages we ship: " + languages);
        for (Path file : languages) {
            Properties words = read(file);
            assertEquals(WORDS, new TreeSet<>(words.stringPropertyNames()), () -> file.getFileName() + " has every word, and no other");
            for (String word : WORDS) {
                assertEquals(english.getProperty(word).contains("{}"), words.getProperty(word).contains("{}"),
                        () -> file.getFileName() + " " + word + " keeps the value it is said with");
                assertTrue(!words.getProperty(word).isBlank() && words.getProperty(word).chars().noneMatch(c -> c == '\uFFFD'),
                        () -> file.getFileName() + " " + word + " reads as UTF-8");
            }
        }
    }

    @Test
    void aLanguageTakesItsOwnWordsAndARegionItsLanguages() {
        assertEquals("Más artículos", Words.of(Locale.forLanguageTag("es")).get(Word.MORE_ARTICLES));
        assertEquals("Mais artigos", Words.of(Locale.forLanguageTag("pt-BR")).get(Word.MORE_ARTICLES));
        assertEquals("その他の記事", Words.of(Locale.forLanguageTag("ja")).get(Word.MORE_ARTICLES));
        assertEquals("Sobre Ana Ruiz", Words.of(Locale.forLanguageTag("es")).get(Word.ABOUT_AUTHOR, "Ana Ruiz"));
    }

    @Test
    void aLanguageWithoutWordsIsSpokenInEnglishWhateverTheMachinesLocale() {
        Locale machine = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRENCH);
            assertEquals("More articles", Words.of(Locale.forLanguageTag("sw")).get(Word.MORE_ARTICLES));
            assertEquals("Please enter your comment!", Words.of(Locale.ENGLISH).get(Word.BODY_MISSING));
        } finally {
            Locale.setDefault(machine);
        }
    }

    @Test
    void theScriptGetsItsWordsAndNoOthers() throws Exception {
        var script = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Words.of(Locale.forLanguageTag("fr")).forScript());
        List<String> names = new java.util.ArrayList<>();
        script.fieldNames().forEachRemaining(names::add);
        assertEquals(Arrays.stream(Word.values()).filter(Word::script).map(Word::name).toList(), names);
        assertEquals("Veuillez saisir votre commentaire !", script.get("BODY_MISSING").asText());
    }

    private static List<Path> languageFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(WordsTest.class.getResource("Words.properties").toURI()).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("Words_[a-z]{2,3}(_[A-Za-z0-9]+)*\\.properties")).sorted().toList();
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
