package dev.newsroom.core.article;

import java.util.List;
import java.util.stream.Collectors;

/** An upload that cannot be published as it is. Retrying will not help; the editor must fix it. */
public final class InvalidArticleException extends Exception {

    private final List<Problem> problems;

    public InvalidArticleException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public InvalidArticleException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
