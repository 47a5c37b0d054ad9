package dev.newsroom.core.render;

import dev.newsroom.core.json.Json;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The interface's words in one language, from the JDK's resource bundles: a language we have no
 * words for, or a word its file lacks, falls back to the more general language ({@code pt-BR} to
 * {@code pt}) and then to English, never to the machine's own locale. Immutable.
 */
public final class Words {

    private static final String BUNDLE = Words.class.getName();
    private static final ResourceBundle.Control NO_MACHINE_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Map<Word, String> texts = new EnumMap<>(Word.class);
    private final String forScript;

    private Words(ResourceBundle bundle) {
        Map<String, String> script = new LinkedHashMap<>();
        for (Word word : Word.values()) {
            texts.put(word, bundle.getString(word.name()));
            if (word.script()) {
                script.put(word.name(), texts.get(word));
            }
        }
        forScript = Json.write(script);
    }

    /** The words of the language {@code locale} names, as near as we have them. */
    public static Words of(Locale locale) {
        return new Words(ResourceBundle.getBundle(BUNDLE, locale, NO_MACHINE_LOCALE));
    }

    public String get(Word word) {
        return texts.get(word);
    }

    /** A word said with a value, such as an author's name. The value is text: the template escapes the whole. */
    public String get(Word word, String value) {
        return texts.get(word).replace("{}", value);
    }

    /** The words the comments script says, as a JSON object by {@link Word} name, for a data attribute. */
    public String forScript() {
        return forScript;
    }
}
