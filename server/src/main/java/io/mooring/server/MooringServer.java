package io.mooring.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Mooring server: management API, token endpoint and system landscape. */
@SpringBootApplication
public class MooringServer {
    public static void main(String[] args) {
        SpringApplication.run(MooringServer.class, args);
    }
}
