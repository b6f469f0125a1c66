package io.mooring.server.servicebinding;

import io.mooring.server.platform.config.MooringProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The credentials object of a binding, in the shape SAP's service broker gives it and the SAP Cloud SDK reads:
 * {@code uri} is the service's base URL, {@code url} the bare origin that serves {@code POST /oauth/token}, and
 * {@code tenantid} the subaccount, which the SDK takes for the provider tenant.
 */
@Component
class BindingCredentials implements ApplicationListener<WebServerInitializedEvent> {
    private final MooringProperties.Connectivity connectivity;
    private volatile String serviceUri;
    private volatile String tokenOrigin;
    private volatile String proxyHost;

    BindingCredentials(MooringProperties properties) {
        this.connectivity = properties.connectivity();
        useAddress(URI.create(stripTrailingSlash(properties.publicUrl())));
    }

    /** A public URL on port 0 (a server on a random port, as in tests) takes the port the server got. */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        URI configured = URI.create(serviceUri);
        if (configured.getPort() == 0) {
            useAddress(URI.create(configured.getScheme() + "://" + configured.getHost() + ":"
                    + event.getWebServer().getPort() + configured.getRawPath()));
        }
    }

    private void useAddress(URI publicUrl) {
        this.serviceUri = publicUrl.toString();
        this.tokenOrigin = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
        this.proxyHost = connectivity.proxyHost() != null ? connectivity.proxyHost() : publicUrl.getHost();
    }

    Map<String, Object> of(ServiceInstance instance, ServiceBinding binding, String subdomain, String clientSecret) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("clientid", binding.clientId());
        credentials.put("clientsecret", clientSecret);
        credentials.put("credential-type", "binding-secret");
        credentials.put("url", tokenOrigin);
        credentials.put("uri", serviceUri);
        credentials.put("uaadomain", URI.create(tokenOrigin).getHost());
        credentials.put("identityzone", subdomain);
        credentials.put("tenantid", instance.subaccountId().toString());
        credentials.put("subaccountid", instance.subaccountId().toString());
        credentials.put("zoneid", instance.subaccountId().toString());
        credentials.put("tenantmode", "dedicated");
        credentials.put("instanceid", instance.id().toString());
        credentials.put("xsappname", instance.offering().label() + "!" + instance.id());
        if (instance.offering() == ServiceOffering.CONNECTIVITY) {
            credentials.put("onpremise_proxy_host", proxyHost);
            credentials.put("onpremise_proxy_http_port", String.valueOf(connectivity.httpProxyPort()));
            credentials.put("onpremise_proxy_port", String.valueOf(connectivity.httpProxyPort()));
            credentials.put("onpremise_socks5_proxy_port", String.valueOf(connectivity.socks5ProxyPort()));
        }
        return credentials;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
