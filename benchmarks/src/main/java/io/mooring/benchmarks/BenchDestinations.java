package io.mooring.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The destinations a benchmark stores, made from their index alone so that a reader can tell what each must hold:
 * 6 in 10 S/4HANA Cloud APIs over the Internet with BasicAuthentication, 2 in 10 on-premise systems behind a Cloud
 * Connector with BasicAuthentication, 2 in 10 BTP applications with OAuth2ClientCredentials; 9 or 10 properties
 * each, a password or client secret in every one. No host named here is ever called: readers skip token retrieval
 * for the OAuth destinations.
 */
final class BenchDestinations {
    private static final String SECRET_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!";
    private static final String[] SERVICES = {
        "API_BUSINESS_PARTNER",
        "API_SALES_ORDER_SRV",
        "API_PRODUCT_SRV",
        "API_PURCHASEORDER_PROCESS_SRV",
        "API_MATERIAL_DOCUMENT_SRV",
        "API_BILLING_DOCUMENT_SRV"
    };

    private BenchDestinations() {}

    static String name(int index) {
        return String.format("bench-%06d", index);
    }

    /** Whether the destination with this index authenticates with OAuth2ClientCredentials. */
    static boolean isOAuth(int index) {
        return index % 10 >= 8;
    }

    static Map<String, String> properties(int index) {
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + index);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("Name", name(index));
        properties.put("Type", "HTTP");
        int kind = index % 10;
        if (kind < 6) {
            int tenant = 300_000 + random.nextInt(100_000);
            String service = SERVICES[random.nextInt(SERVICES.length)];
            properties.put("URL", "https://my" + tenant + "-api.s4hana.example.com/sap/opu/odata/sap/" + service);
            properties.put("Authentication", "BasicAuthentication");
            properties.put("ProxyType", "Internet");
            properties.put("User", "COMM_USER_" + tenant);
            properties.put("Password", secret(random, 32));
            properties.put("Description", "S/4HANA Cloud " + service + " of tenant " + tenant);
            properties.put("sap-client", "100");
            properties.put("URL.headers.Accept", "application/json");
            properties.put("HTML5.DynamicDestination", "true");
        } else if (kind < 8) {
            int system = random.nextInt(200);
            properties.put("URL", "http://erp" + system + ".virtual:44300");
            properties.put("Authentication", "BasicAuthentication");
            properties.put("ProxyType", "OnPremise");
            properties.put("CloudConnectorLocationId", "plant" + random.nextInt(8));
            properties.put("User", "RFC_USER_" + (1000 + random.nextInt(9000)));
            properties.put("Password", secret(random, 20));
            properties.put("sap-client", String.valueOf(100 + random.nextInt(900)));
            properties.put("WebIDEUsage", "odata_abap,dev_abap");
            properties.put("WebIDEEnabled", "true");
        } else {
            String app = Long.toHexString(random.nextLong() >>> 16);
            int broker = random.nextInt(1_000_000);
            properties.put("URL", "https://" + app + "-srv.cfapps.eu10.example.com/odata/v4/CatalogService");
            properties.put("Authentication", "OAuth2ClientCredentials");
            properties.put("ProxyType", "Internet");
            properties.put("clientId", "sb-" + app + "!b" + broker + "|xsuaa!b49390");
            properties.put("clientSecret", secret(random, 44));
            properties.put(
                    "tokenServiceURL",
                    "https://tenant" + random.nextInt(1000) + ".authentication.eu10.example.com/oauth/token");
            properties.put("tokenServiceURLType", "Dedicated");
            properties.put("scope", app + "!t" + broker + ".Read");
        }
        return properties;
    }

    private static String secret(SplittableRandom random, int length) {
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(SECRET_CHARACTERS.charAt(random.nextInt(SECRET_CHARACTERS.length())));
        }
        return secret.toString();
    }
}
