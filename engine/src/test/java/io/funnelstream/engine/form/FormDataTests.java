package io.funnelstream.engine.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.funnelstream.engine.form.FormData.Field;
import io.funnelstream.engine.support.Generators;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

class FormDataTests {

    @Test
    void shouldDecodeFieldsInOrderKeepingRepeatedNames() throws FormParseException {
        FormData form = FormData.parse("To=%2B15558675310&Body=caf%C3%A9+ok&tag=b&tag=a&empty=&flag");

        assertThat(form.fields()).containsExactly(
                new Field("To", "+15558675310"),
                new Field("Body", "café ok"),
                new Field("tag", "b"),
                new Field("tag", "a"),
                new Field("empty", ""),
                new Field("flag", ""));
        assertThat(form.first("tag")).contains("b");
        assertThat(form.all("tag")).containsExactly("b", "a");
        assertThat(form.first("missing")).isEmpty();
    }

    @Test
    void shouldSkipEmptySegmentsAndSplitOnTheFirstEquals() throws FormParseException {
        FormData form = FormData.parse("&&a=1=2&&b=%3D&");

        assertThat(form.fields()).containsExactly(new Field("a", "1=2"), new Field("b", "="));
        assertThat(FormData.parse("").isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a=%                 | 2 | not followed by two hex digits
            a=%4                | 2 | not followed by two hex digits
            a=%G1               | 2 | not followed by two hex digits
            x=1&%zz=2           | 4 | not followed by two hex digits
            a=%C3%28            | 2 | not valid UTF-8
            a=%ED%A0%80         | 2 | not valid UTF-8
            a=%C0%AF            | 2 | not valid UTF-8
            """)
    void shouldRejectBadPercentEncoding(String encoded, int position, String problem) {
        assertThatThrownBy(() -> FormData.parse(encoded))
                .isInstanceOf(FormParseException.class)
                .hasMessageContaining(problem)
                .extracting(e -> ((FormParseException) e).position())
                .isEqualTo(position);
    }

    @Test
    void shouldRejectRawBytesThatAreNotUtf8() {
        byte[] body = {'a', '=', (byte) 0xFF};

        assertThatThrownBy(() -> FormData.parse(body)).isInstanceOf(FormParseException.class);
    }

    @Test
    void shouldDecodeWhatTheJdkEncodes() {
        Gen<String> names = Generators.text(40).assuming(name -> !name.isBlank());

        qt().withExamples(500)
                .forAll(lists().of(names).ofSizeBetween(0, 20), Generators.text(80))
                .checkAssert(FormDataTests::decodesWhatTheJdkEncodes);
    }

    private static void decodesWhatTheJdkEncodes(List<String> names, String value) {
        List<String> valid = names.stream().filter(FormDataTests::isEncodable).toList();
        String safeValue = isEncodable(value) ? value : "v";
        StringBuilder encoded = new StringBuilder();
        for (String name : valid) {
            encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(safeValue, StandardCharsets.UTF_8)).append('&');
        }

        FormData form = parse(encoded.toString());

        assertThat(form.fields()).containsExactlyElementsOf(
                valid.stream().map(name -> new Field(name, safeValue)).toList());
    }

    private static FormData parse(String encoded) {
        try {
            return FormData.parse(encoded);
        } catch (FormParseException e) {
            throw new AssertionError("could not parse " + encoded, e);
        }
    }

    /** Unpaired surrogates cannot be encoded as UTF-8. */
    private static boolean isEncodable(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }
}
