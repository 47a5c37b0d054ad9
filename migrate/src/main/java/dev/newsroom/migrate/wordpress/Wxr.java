package dev.newsroom.migrate.wordpress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A WordPress export (WXR, versions 1.0 to 1.2): the site, its authors, and its items (posts, pages,
 * attachments) with their terms, metadata and comments. The XML is read with no DTD, so no external
 * entity is fetched and no entity is expanded (XXE, billion laughs); an export that declares one is
 * refused.
 */
public record Wxr(String title, String link, Map<String, String> authorNames, List<Item> items, Map<Long, Term> terms) {

    /** A category or tag on an item, or a term of the site's ({@link #terms}): its taxonomy, slug and name. */
    public record Term(String domain, String slug, String name) {
    }

    /** A comment as exported; {@code approved} is "1", "0" (pending), "spam" or "trash". */
    public record Comment(long id, String author, String email, String url, String dateGmt, String content,
                          String approved, String type, long parent) {
    }

    /**
     * A post, page, attachment, menu item or other item.
     *
     * @param menuOrder where a page or a menu item stands among its siblings
     */
    public record Item(long id, String type, String status, String title, String link, String creator, String content,
                       String excerpt, String dateGmt, String date, String name, String commentStatus, String password,
                       boolean sticky, long parent, String attachmentUrl, List<Term> terms, Map<String, String> meta,
                       List<Comment> comments, int menuOrder) {
    }

    /** An element of the export: its name with the conventional WXR prefix, its text, its attributes, its children. */
    private record Node(String name, StringBuilder text, Map<String, String> attributes, List<Node> children) {

        Optional<Node> child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst();
        }

        String text(String childName) {
            return child(childName).map(c -> c.text.toString().strip()).orElse("");
        }

        /** Raw text, as content is, without stripping. */
        String raw(String childName) {
            return child(childName).map(c -> c.text.toString()).orElse("");
        }

        List<Node> all(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }
    }

    public static Wxr read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** An export's bytes; {@code source} names it in the refusal, an {@link IOException}. */
    public static Wxr read(InputStream in, String source) throws IOException {
        try {
            return of(parse(in));
        } catch (XMLStreamException e) {
            throw new IOException(source + " is not a WordPress export that can be read safely: " + e.getMessage(), e);
        } catch (java.util.MissingResourceException e) {
            // The JDK's reader, meeting some malformed DTDs, fails looking up its own message (found by WxrFuzzTest).
            throw new IOException(source + " is not a WordPress export that can be read safely: it is not well-formed XML", e);
        }
    }

    private static Node parse(InputStream in) throws XMLStreamException {
        // The JDK's own reader, whatever else is on the class path, so these settings are the ones that hold.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        XMLStreamReader reader = factory.createXMLStreamReader(in);
        Deque<Node> open = new ArrayDeque<>();
        Node root = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.DTD -> throw new XMLStreamException("it declares a DTD, which an export never needs");
                case XMLStreamConstants.START_ELEMENT -> {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    Node node = new Node(name(reader.getName()), new StringBuilder(), attributes, new ArrayList<>());
                    if (open.isEmpty()) {
                        root = node;
                    } else {
                        open.peek().children().add(node);
                    }
                    open.push(node);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text().append(reader.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                        "it refers to the entity &" + reader.getLocalName() + "; which an export never needs");
                default -> { }
            }
        }
        if (root == null || !root.name().equals("rss") || root.child("channel").isEmpty()) {
            throw new XMLStreamException("it has no <rss><channel>: it is not a WordPress export");
        }
        return root;
    }

    /** WXR's elements under the prefixes WordPress writes, whatever prefixes the file declares. */
    private static String name(QName name) {
        String namespace = name.getNamespaceURI();
        String prefix = namespace.contains("/excerpt/") ? "excerpt:"
                : namespace.contains("wordpress.org/export") ? "wp:"
                : namespace.contains("/rss/1.0/modules/content") ? "content:"
                : namespace.contains("purl.org/dc/elements") ? "dc:" : "";
        return prefix + name.getLocalPart();
    }

    private static Wxr of(Node rss) {
        Node channel = rss.child("channel").orElseThrow();
        Map<String, String> authors = new LinkedHashMap<>();
        for (Node author : channel.all("wp:author")) {
            String display = author.text("wp:author_display_name");
            authors.put(author.text("wp:author_login"), display.isEmpty() ? author.text("wp:author_login") : display);
        }
        List<Item> items = new ArrayList<>();
        for (Node item : channel.all("item")) {
            List<Term> terms = item.all("category").stream().filter(c -> c.attributes().containsKey("domain"))
                    .map(c -> new Term(c.attributes().get("domain"), c.attributes().getOrDefault("nicename", ""),
                            c.text().toString().strip())).toList();
            Map<String, String> meta = new LinkedHashMap<>();
            item.all("wp:postmeta").forEach(m -> meta.put(m.text("wp:meta_key"), m.text("wp:meta_value")));
            List<Comment> comments = item.all("wp:comment").stream().map(c -> new Comment(number(c.text("wp:comment_id")),
                    c.text("wp:comment_author"), c.text("wp:comment_author_email"), c.text("wp:comment_author_url"),
                    c.text("wp:comment_date_gmt"), c.raw("wp:comment_content"), c.text("wp:comment_approved"),
                    c.text("wp:comment_type"), number(c.text("wp:comment_parent")))).toList();
            items.add(new Item(number(item.text("wp:post_id")), item.text("wp:post_type"), item.text("wp:status"),
                    item.text("title"), item.text("link"), item.text("dc:creator"), item.raw("content:encoded"),
                    item.raw("excerpt:encoded"), item.text("wp:post_date_gmt"), item.text("wp:post_date"),
                    item.text("wp:post_name"), item.text("wp:comment_status"), item.text("wp:post_password"),
                    item.text("wp:is_sticky").equals("1"), number(item.text("wp:post_parent")),
                    item.text("wp:attachment_url"), terms, meta, comments, (int) number(item.text("wp:menu_order"))));
        }
        // The site's terms, by id, as menu items name them: categories, tags, and the rest (menus among them).
        Map<Long, Term> siteTerms = new LinkedHashMap<>();
        channel.all("wp:category").forEach(c -> siteTerms.put(number(c.text("wp:term_id")),
                new Term("category", c.text("wp:category_nicename"), c.text("wp:cat_name"))));
        channel.all("wp:tag").forEach(t -> siteTerms.put(number(t.text("wp:term_id")),
                new Term("post_tag", t.text("wp:tag_slug"), t.text("wp:tag_name"))));
        channel.all("wp:term").forEach(t -> siteTerms.putIfAbsent(number(t.text("wp:term_id")),
                new Term(t.text("wp:term_taxonomy"), t.text("wp:term_slug"), t.text("wp:term_name"))));
        return new Wxr(channel.text("title"), channel.text("link"), authors, items, siteTerms);
    }

    private static long number(String text) {
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
