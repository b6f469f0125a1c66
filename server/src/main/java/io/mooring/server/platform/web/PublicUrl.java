package io.mooring.server.platform.web;

import io.mooring.server.platform.config.MooringProperties;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The URL under which clients and systems reach this server ({@code mooring.public-url}), as it goes into bindings
 * and notifications. A configured port 0 (a server on a random port, as in tests) becomes the port the server got.
 * Tokens' issuer is not derived from here: it must not change while the server runs.
 */
@Component
public final class PublicUrl implements ApplicationListener<WebServerInitializedEvent> {
    private volatile URI url;

    public PublicUrl(MooringProperties properties) {
        this.url = URI.create(properties.publicUrl().replaceAll("/+$", ""));
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        URI configured = url;
        if (configured.getPort() == 0) {
            url = URI.create(configured.getScheme() + "://" + configured.getHost() + ":"
                    + event.getWebServer().getPort() + configured.getRawPath());
        }
    }

    /** The URL without a trailing slash. */
    public String url() {
        return url.toString();
    }

    /** Scheme, host and port alone: what XSUAA-style clients expect as the token service's base. */
    public String origin() {
        URI current = url;
        return current.getScheme() + "://" + current.getRawAuthority();
    }

    public String host() {
        return url.getHost();
    }
}
