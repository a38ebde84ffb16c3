package io.funnelstream.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class ProblemsTests {

    @Test
    void shouldBuildStableTypeAndTitleFromSlug() {
        ErrorResponseException error = Problems.badRequest("invalid-window", "from must be before to");
        ProblemDetail body = error.getBody();

        assertThat(error.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body.getType()).isEqualTo(URI.create("https://funnelstream.io/problems/invalid-window"));
        assertThat(body.getTitle()).isEqualTo("Invalid window");
        assertThat(body.getDetail()).isEqualTo("from must be before to");
        assertThat(body.getStatus()).isEqualTo(400);
    }

    @Test
    void shouldRejectSlugsThatAreNotLowerCaseWords() {
        assertThatThrownBy(() -> Problems.type("Not a slug")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Problems.type("trailing-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Problems.type("../escape")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNameTheSwitchedOffFeature() {
        ProblemDetail body = Problems.featureDisabled("ab-testing").getBody();

        assertThat(body.getStatus()).isEqualTo(404);
        assertThat(body.getType()).isEqualTo(URI.create("https://funnelstream.io/problems/feature-disabled"));
        assertThat(body.getProperties()).containsEntry("feature", "ab-testing");
    }
}
