package dev.newsroom.comments;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The comments an article had on the site it moved from ({@code ./newsroom import}), as they will be
 * stored: approved ones shown, pending ones in the moderation queue, each reply under its parent.
 * A reader's field rules apply to each; the captcha, rate and staff-name rules do not, since a
 * moderator sends them and the old site let them through. Each comment's id comes from its date and
 * its reference in the old site, so sending the same comments again stores nothing twice. Pure: a
 * request in, comments or an {@link ApiError} naming every bad field ({@code comments[2].body}) out.
 */
final class CommentImport {

    /** Comments in one request: a thread never needs more, and a request stays well under Lambda's 6 MB. */
    static final int MAX_COMMENTS = 200;
    static final Set<String> FIELDS = Set.of("ref", "parentRef", "name", "email", "website", "body", "createdAt", "status");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** A comment dated later than this ahead of the function's clock is a mistake, not a skew. */
    private static final Duration SKEW = Duration.ofMinutes(5);
    /** Before the web had comments: a date this early is a mistake, and ids need a positive time. */
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private final CommentRules rules = new CommentRules(Set.of());
    private final Signer signer;

    CommentImport(Signer signer) {
        this.signer = signer;
    }

    List<Comment> comments(String path, List<Map<String, String>> entries, Instant now) {
        if (entries.isEmpty() || entries.size() > MAX_COMMENTS) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, Map.of("comments",
                    "Send from 1 to " + MAX_COMMENTS + " comments at a time, a thread with its replies together."));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> idOfRef = new HashMap<>();
        List<Comment> comments = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "comments[" + i + "].";
            Map<String, String> entry = entries.get(i);
            entry.keySet().stream().filter(f -> !FIELDS.contains(f)).forEach(f -> errors.put(at + f, "This field is not accepted."));
            String ref = entry.getOrDefault("ref", "");
            if (!REF.matcher(ref).matches()) {
                errors.put(at + "ref", "Give the comment's reference in the old site: up to 64 letters, digits and . _ : -");
            } else if (idOfRef.containsKey(ref)) {
                errors.put(at + "ref", "Another comment of this request has this reference.");
            }
            Optional<String> parent = Optional.ofNullable(entry.get("parentRef")).filter(p -> !p.isBlank());
            if (parent.isPresent() && !idOfRef.containsKey(parent.get())) {
                errors.put(at + "parentRef", "The comment replied to must come earlier in the same request.");
            }
            String status = entry.getOrDefault("status", "");
            if (!status.equals(Comment.APPROVED) && !status.equals(Comment.PENDING)) {
                errors.put(at + "status", "Must be approved or pending.");
            }
            Instant createdAt = null;
            try {
                createdAt = Instant.parse(entry.getOrDefault("createdAt", ""));
                if (createdAt.isAfter(now.plus(SKEW)) || createdAt.isBefore(EARLIEST)) {
                    errors.put(at + "createdAt", "Must be a time from 1990 until now.");
                    createdAt = null;
                }
            } catch (DateTimeParseException e) {
                errors.put(at + "createdAt", "Must be a UTC time such as 2013-03-11T10:02:00Z.");
            }
            ValidComment valid;
            try {
                Map<String, String> fields = new HashMap<>();
                for (String field : List.of("name", "email", "website", "body")) {
                    Optional.ofNullable(entry.get(field)).ifPresent(value -> fields.put(field, value));
                }
                valid = rules.validate(new CommentInput(fields));
            } catch (ApiError refused) {
                refused.fields().forEach((field, message) -> errors.put(at + field, message));
                valid = null;
            }
            if (REF.matcher(ref).matches() && createdAt != null) {
                idOfRef.putIfAbsent(ref, String.format("%013d-%s", createdAt.toEpochMilli(),
                        Signer.sha256(path + "\n" + ref).substring(0, 8)));
            }
            if (valid != null && createdAt != null && errors.isEmpty()) {
                comments.add(new Comment(path, idOfRef.get(ref), status, valid.name(), valid.website(), valid.body(),
                        parent.map(idOfRef::get), createdAt, valid.email(), valid.email().map(e -> signer.hash("email", e)),
                        "", Optional.empty(), false, Optional.empty(), Comment.Reports.NONE, List.of(), Comment.Badges.NONE));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.of(ErrorKind.VALIDATION_FAILED, "Some comments need attention; none was stored.", errors);
        }
        return comments;
    }
}
