package io.funnelstream.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Funnelstream service. */
@SpringBootApplication
public class FunnelstreamApplication {

    public static void main(String[] args) {
        SpringApplication.run(FunnelstreamApplication.class, args);
    }
}
