package dev.newsroom.core.article;

/** One thing wrong with an upload, worded for the editor who has to fix it. */
public record Problem(String field, String message) {

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
