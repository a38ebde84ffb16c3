package io.funnelstream.infra.layerfixture;

import org.springframework.boot.SpringApplication;

/** Breaks the layering: infra knows Spring Boot, which only the api may. */
public final class InfraUsingBoot {

    private InfraUsingBoot() {}

    public static Class<?> mainOf(SpringApplication application) {
        return application.getMainApplicationClass();
    }
}
