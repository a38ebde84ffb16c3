package io.funnelstream.api.error;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Problem details for every error: the mapper, the writer, and the exception handler (the controller advice
 * {@link ProblemDetailsAdvice} is found by component scanning). */
@Configuration(proxyBeanMethods = false)
public class ErrorHandlingConfiguration {

    @Bean
    ProblemMapper problemMapper() {
        return new ProblemMapper();
    }

    @Bean
    ProblemResponder problemResponder(ServerCodecConfigurer serverCodecConfigurer) {
        return new ProblemResponder(serverCodecConfigurer);
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(ProblemMapper mapper, ProblemResponder responder) {
        return new ProblemWebExceptionHandler(mapper, responder);
    }
}
