package io.funnelstream.engine.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTests {

    @Test
    void shouldFillPlaceholdersAndEscapeValuesOnlyInHtml() {
        MessageTemplate template = new MessageTemplate("Hi {{ first_name }}", "Hi {{first_name}}: {{survey_link}}",
                "<p>Hi {{first_name}}</p><a href=\"{{survey_link}}\">go</a>");

        MessageTemplate rendered = template.render(Map.of("first_name", "<b>Ann</b> & \"Bo\"",
                "survey_link", "https://s.example/x?a=1&ft=abc"));

        assertThat(rendered.subject()).isEqualTo("Hi <b>Ann</b> & \"Bo\"");
        assertThat(rendered.text()).isEqualTo("Hi <b>Ann</b> & \"Bo\": https://s.example/x?a=1&ft=abc");
        assertThat(rendered.html()).isEqualTo("<p>Hi &lt;b&gt;Ann&lt;/b&gt; &amp; &quot;Bo&quot;</p>"
                + "<a href=\"https://s.example/x?a=1&amp;ft=abc\">go</a>");
    }

    @Test
    void shouldRenderMissingValuesAsNothingAndKeepDollarSignsAndBackslashes() {
        MessageTemplate rendered = new MessageTemplate(null, "{{missing}}[{{price}}]", null)
                .render(Map.of("price", "$5 \\o/"));

        assertThat(rendered.text()).isEqualTo("[$5 \\o/]");
        assertThat(new MessageTemplate("{{a}}", "{{b}} {{ c }}", "{{d}} {{not valid}}").placeholders())
                .containsExactly("a", "b", "c", "d");
    }
}
