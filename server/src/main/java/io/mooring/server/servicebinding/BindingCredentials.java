package io.mooring.server.servicebinding;

import static java.util.Objects.requireNonNull;

import io.mooring.server.connectivity.ProxyAddresses;
import io.mooring.server.platform.web.PublicUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The credentials object of a binding, in the shape SAP's service broker gives it and the SAP Cloud SDK reads:
 * {@code uri} is the service's base URL, {@code url} the bare origin that serves {@code POST /oauth/token}, and
 * {@code tenantid} the subaccount, which the SDK takes for the provider tenant.
 */
@Component
class BindingCredentials {
    private final PublicUrl publicUrl;
    private final ProxyAddresses proxy;

    BindingCredentials(PublicUrl publicUrl, ProxyAddresses proxy) {
        this.publicUrl = requireNonNull(publicUrl, "publicUrl");
        this.proxy = requireNonNull(proxy, "proxy");
    }

    Map<String, Object> of(ServiceInstance instance, ServiceBinding binding, String subdomain, String clientSecret) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("clientid", binding.clientId());
        credentials.put("clientsecret", clientSecret);
        credentials.put("credential-type", "binding-secret");
        credentials.put("url", publicUrl.origin());
        credentials.put("uri", publicUrl.url());
        credentials.put("uaadomain", publicUrl.host());
        credentials.put("identityzone", subdomain);
        credentials.put("tenantid", instance.subaccountId().toString());
        credentials.put("subaccountid", instance.subaccountId().toString());
        credentials.put("zoneid", instance.subaccountId().toString());
        credentials.put("tenantmode", "dedicated");
        credentials.put("instanceid", instance.id().toString());
        credentials.put("xsappname", instance.offering().label() + "!" + instance.id());
        if (instance.offering() == ServiceOffering.CONNECTIVITY) {
            credentials.put("onpremise_proxy_host", proxy.host());
            credentials.put("onpremise_proxy_http_port", String.valueOf(proxy.httpPort()));
            credentials.put("onpremise_proxy_port", String.valueOf(proxy.httpPort()));
            credentials.put("onpremise_socks5_proxy_port", String.valueOf(proxy.socks5Port()));
        }
        return credentials;
    }
}
