package io.funnelstream.api.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (public, see the security configuration): generated from
 * the controllers by springdoc, with the API key scheme and the analytics responses' source header.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Funnelstream API", version = "v1",
        description = "Multi-channel survey distribution analytics. Authenticate with a tenant API key."))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "fsk_...",
        description = "A tenant API key as 'Authorization: Bearer <key>' (or 'X-API-Key: <key>')")
public class OpenApiConfiguration {

    static final String SOURCE_HEADER = "X-Funnelstream-Source";

    /** Every successful analytics answer says where its figures came from. */
    @Bean
    OpenApiCustomizer analyticsSourceHeader() {
        Header header = new Header()
                .description("Where the figures were read from: 'rollups', 'postgres' (the rollups are unavailable or"
                        + " behind, or keep no such slice) or both, comma-separated")
                .schema(new StringSchema()._enum(java.util.List.of("rollups", "postgres", "rollups, postgres")));
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/analytics/delivery") && item.getGet() != null) {
                item.getGet().getResponses().forEach((status, response) -> {
                    if (status.equals("200")) {
                        response.addHeaderObject(SOURCE_HEADER, header);
                    }
                });
            }
        });
    }
}
