package io.mooring.server.destination.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.net.URL;
import java.util.Collections;
import java.util.List;

/**
 * Makes the SDK see the real {@code org.json} on the test classpath. Spring Boot's test starter brings
 * {@code com.vaadin.external.google:android-json}, a partial {@code org.json} that comes first on the classpath;
 * the SDK's binding parsers and token client call methods it lacks ({@code JSONObject.keySet()} and
 * {@code toMap()}, {@code JSONArray.toList()}) and fail with {@link NoSuchMethodError}. Excluding android-json from
 * {@code spring-boot-starter-test} in the server's pom makes this class a no-op; until then it defines the real
 * classes of the clashing names in the class loader before anything loads android-json's.
 */
final class RealOrgJson {
    /** The classes both jars have, superclasses first. */
    private static final List<String> CLASHING =
            List.of("JSONException", "JSONTokener", "JSONObject", "JSONObject$1", "JSONArray", "JSONStringer");

    private static boolean done;

    private RealOrgJson() {}

    static synchronized void preferTheRealOne(ClassLoader loader) {
        if (done) {
            return;
        }
        // org.json.JSON exists only in android-json
        URL androidJson = loader.getResource("org/json/JSON.class");
        if (androidJson != null) {
            defineRealClasses(loader, jarOf(androidJson));
        }
        done = true;
    }

    private static void defineRealClasses(ClassLoader loader, String androidJar) {
        try {
            String realJar = Collections.list(loader.getResources("org/json/JSONObject.class")).stream()
                    .map(RealOrgJson::jarOf)
                    .filter(jar -> !jar.equals(androidJar))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("The SDK needs org.json:json on the classpath"));
            MethodHandles.Lookup inOrgJson = MethodHandles.privateLookupIn(
                    Class.forName("org.json.JSON", false, loader), MethodHandles.lookup());
            for (String name : CLASHING) {
                try (InputStream in = URI.create("jar:" + realJar + "!/org/json/" + name + ".class")
                        .toURL()
                        .openStream()) {
                    inOrgJson.defineClass(in.readAllBytes());
                }
            }
        } catch (LinkageError e) {
            throw new IllegalStateException(
                    "android-json's org.json was loaded before this test could put the real one first; exclude "
                            + "com.vaadin.external.google:android-json from spring-boot-starter-test",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code jar:file:/x.jar!/org/json/X.class} → {@code file:/x.jar}. */
    private static String jarOf(URL resource) {
        String url = resource.toString();
        if (!url.startsWith("jar:") || !url.contains("!/")) {
            throw new IllegalStateException("org.json is expected in a jar, found " + url);
        }
        return url.substring("jar:".length(), url.indexOf("!/"));
    }
}
