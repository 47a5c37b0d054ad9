package dev.newsroom.core.render;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.newsroom.core.json.Json;

/**
 * JSON for a {@code <script>} element: characters that could end the element or open markup
 * ({@code < > &}), single quotes, and the JavaScript line separators are written as {@code \\uXXXX} escapes,
 * so no field value can close the script or inject markup.
 */
final class ScriptJson {

    private static final JSON WRITER = Json.on(new JsonFactoryBuilder().characterEscapes(new Escapes()).build());

    private ScriptJson() {
    }

    static String write(Object tree) {
        return Json.write(WRITER, tree);
    }

    private static final class Escapes extends CharacterEscapes {
        private final int[] table = standardAsciiEscapesForJSON();

        Escapes() {
            for (char c : new char[] {'<', '>', '&', '\''}) {
                table[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
