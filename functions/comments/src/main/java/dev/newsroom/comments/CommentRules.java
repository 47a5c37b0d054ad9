package dev.newsroom.comments;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field rules for a comment (D1–D4). Pure: input in, a {@link ValidComment} or an
 * {@link ApiError} naming every bad field out. Limits reject; nothing is ever truncated.
 */
final class CommentRules {

    static final String NAME_MISSING = "Please enter your name here";
    static final String BODY_MISSING = "Please enter your comment!";
    static final int MAX_NAME = 80;
    static final int MAX_EMAIL = 254;
    static final int MAX_WEBSITE = 200;
    static final int MAX_BODY = 5000;
    static final int MAX_TOKEN = 2048;
    private static final int MAX_PARENT_ID = 64;

    /** Deliberately plain: one @, no spaces, quotes or angle brackets, a dot in the domain. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"'(),;:\\\\\\[\\]]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern COMMENT_ID = Pattern.compile("[0-9a-z-]{1," + MAX_PARENT_ID + "}");

    private final Set<String> staffNames;

    /** @param staffNames names only staff may comment under, compared in {@link TextRules#comparable}'s form (D3) */
    CommentRules(Set<String> staffNames) {
        this.staffNames = staffNames.stream().map(TextRules::comparable).collect(java.util.stream.Collectors.toSet());
    }

    ValidComment validate(CommentInput input) {
        for (String field : input.fields().keySet()) {
            if (!CommentInput.KNOWN.contains(field)) {
                throw ApiError.of(ErrorKind.UNKNOWN_FIELD, "Unknown field: " + field, Map.of(field, "This field is not accepted."));
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        boolean tooLong = false;

        String name = TextRules.line(input.get("name").orElse(""));
        if (name.isEmpty()) {
            errors.put("name", NAME_MISSING);
        } else if (TextRules.length(name) > MAX_NAME) {
            errors.put("name", "Your name can be at most " + MAX_NAME + " characters.");
            tooLong = true;
        } else if (staffNames.contains(TextRules.comparable(name)) || staffNames.contains(TextRules.comparable(TextRules.latinCapitals(name)))) {
            errors.put("name", "This name is reserved for the site's staff. Please choose another.");
        }

        String body = TextRules.paragraphs(input.get("body").orElse(""));
        if (body.isEmpty()) {
            errors.put("body", BODY_MISSING);
        } else if (TextRules.length(body) > MAX_BODY) {
            errors.put("body", "Your comment can be at most " + MAX_BODY + " characters.");
            tooLong = true;
        }

        Optional<String> email = input.get("email").map(String::strip).filter(e -> !e.isEmpty());
        if (email.isPresent()) {
            if (email.get().length() > MAX_EMAIL) {
                errors.put("email", "Your email address can be at most " + MAX_EMAIL + " characters.");
                tooLong = true;
            } else if (!EMAIL.matcher(email.get()).matches()) {
                errors.put("email", "Please enter a valid email address.");
            }
        }

        Optional<String> website = input.get("website").map(String::strip).filter(w -> !w.isEmpty());
        if (website.isPresent()) {
            if (website.get().length() > MAX_WEBSITE) {
                errors.put("website", "Your website address can be at most " + MAX_WEBSITE + " characters.");
                tooLong = true;
            } else if (!isWebUrl(website.get())) {
                errors.put("website", "Please enter a website address starting with http:// or https://.");
            }
        }

        Optional<String> parentId = input.get("parentId").map(String::strip).filter(p -> !p.isEmpty());
        if (parentId.isPresent() && !COMMENT_ID.matcher(parentId.get()).matches()) {
            errors.put("parentId", "Not a comment to reply to.");
        }

        Optional<String> token = input.captchaToken().map(String::strip).filter(t -> !t.isEmpty());
        if (token.isPresent() && token.get().length() > MAX_TOKEN) {
            errors.put("captchaToken", "The captcha answer is too long.");
            tooLong = true;
        }

        if (!errors.isEmpty()) {
            throw ApiError.of(tooLong ? ErrorKind.FIELD_TOO_LONG : ErrorKind.VALIDATION_FAILED, errors);
        }
        boolean honeypot = input.get(CommentInput.HONEYPOT).filter(v -> !v.isBlank()).isPresent();
        return new ValidComment(name, email.map(e -> e.toLowerCase(Locale.ROOT)), website, body, parentId,
                token.orElse(""), honeypot);
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
