package io.funnelstream.engine.send;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A message text with {@code {{placeholder}}} fields: {@code {{first_name}}}, {@code {{survey_link}}}, any custom
 * field of the recipient. A placeholder with no value renders as nothing. Values go into the HTML body escaped,
 * so a recipient's name cannot inject markup.
 *
 * @param subject the email subject line, if any
 * @param text the plain-text body (the SMS and WhatsApp body)
 * @param html the HTML body of an email, if any
 */
public record MessageTemplate(@Nullable String subject, String text, @Nullable String html) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    public MessageTemplate {
        Objects.requireNonNull(text, "text");
    }

    /** Every placeholder name the template uses. */
    public Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        for (String part : new String[] {subject, text, html}) {
            if (part != null) {
                Matcher m = PLACEHOLDER.matcher(part);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The template with the values filled in. */
    public MessageTemplate render(Map<String, String> values) {
        return new MessageTemplate(
                subject == null ? null : fill(subject, values, false),
                fill(text, values, false),
                html == null ? null : fill(html, values, true));
    }

    static String fill(String template, Map<String, String> values, boolean html) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Escapes the characters that are markup in HTML text and attribute values. */
    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
