package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.destination.query.DestinationFilter;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.Problems;
import io.mooring.server.platform.security.AnyAuthenticated;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.web.ETags;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SAP's Destination API for bound applications: destinations and certificates at subaccount and instance level,
 * and "find destination". Answers have SAP's shapes; errors are problem details that also carry SAP's
 * {@code ErrorMessage}, and an unknown name on find answers exactly as SAP's service does.
 */
@RestController
@RequestMapping("/destination-configuration/v1")
@AnyAuthenticated
class SapDestinationController {
    static final String NOT_FOUND_MESSAGE = "Configuration with the specified name was not found";
    private static final String DESTINATIONS = "/{collection:subaccountDestinations|instanceDestinations}";
    private static final String CERTIFICATES = "/{collection:subaccountCertificates|instanceCertificates}";

    private final Destinations destinations;
    private final Certificates certificates;
    private final DestinationLookup lookup;

    SapDestinationController(Destinations destinations, Certificates certificates, DestinationLookup lookup) {
        this.destinations = requireNonNull(destinations, "destinations");
        this.certificates = requireNonNull(certificates, "certificates");
        this.lookup = requireNonNull(lookup, "lookup");
    }

    /**
     * Find destination. The user token of token exchanges comes from {@code X-user-token}, or else is the caller's own
     * token when that is a user's; headers are read only when needed, as each read of a long token costs.
     */
    @GetMapping("/destinations/{name}")
    Map<String, Object> find(
            Caller caller,
            @PathVariable String name,
            HttpServletRequest request,
            @RequestParam(name = "$skipTokenRetrieval", defaultValue = "false") boolean skipTokens,
            @RequestParam(name = "$skipCredentials", defaultValue = "false") boolean skipCredentials) {
        return lookup.find(
                        BoundCallers.instanceOf(caller),
                        name,
                        () -> userToken(caller, request),
                        skipTokens,
                        skipCredentials)
                .orElseThrow(UnknownDestination::new);
    }

    /**
     * SAP's exact answer to an unknown name, which clients compare. The found answer is returned as a body rather
     * than a {@code ResponseEntity}, which Spring MVC flushes on its own: one write fewer on the hottest path.
     */
    @ExceptionHandler(UnknownDestination.class)
    ResponseEntity<Map<String, String>> unknown() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ErrorMessage", NOT_FOUND_MESSAGE));
    }

    @GetMapping(DESTINATIONS)
    ResponseEntity<List<Map<String, String>>> list(
            Caller caller, @PathVariable String collection, @RequestParam Map<String, String> parameters) {
        SapListQuery query = SapListQuery.of(parameters);
        SapListQuery.Window window = query.window();
        Destinations.Listing listing = destinations.list(
                BoundCallers.ownerOf(caller, collection),
                query.filter(),
                window == null ? 0 : window.offset(),
                window == null ? Integer.MAX_VALUE : window.limit());
        SapListQuery.Result page =
                query.respond(listing.entries(), listing.total(), StoredDestination::properties, path(collection));
        return ResponseEntity.ok().headers(page.headers()).body(page.body());
    }

    @GetMapping(DESTINATIONS + "/{name}")
    ResponseEntity<Map<String, String>> get(
            Caller caller,
            @PathVariable String collection,
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        StoredDestination destination = destinations.get(BoundCallers.ownerOf(caller, collection), name);
        String etag = ETags.of(destination.version());
        if (etag.equals(ifNoneMatch) || "*".equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(destination.properties());
    }

    /** One destination (an object) or several (an array); several answer 201 when all were created, else 207. */
    @PostMapping(DESTINATIONS)
    ResponseEntity<?> create(Caller caller, @PathVariable String collection, @RequestBody Object body) {
        DestinationOwner owner = BoundCallers.ownerOf(caller, collection);
        if (body instanceof List<?> list) {
            List<Destinations.Outcome> outcomes = destinations.createAll(caller, owner, objects(list));
            boolean allCreated = outcomes.stream().allMatch(outcome -> outcome.created() != null);
            return ResponseEntity.status(allCreated ? HttpStatus.CREATED : HttpStatus.MULTI_STATUS)
                    .body(outcomes.stream()
                            .map(SapDestinationController::outcome)
                            .toList());
        }
        StoredDestination created = destinations.create(caller, owner, object(body));
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(ETags.of(created.version()))
                .body(created.properties());
    }

    @PutMapping(DESTINATIONS)
    ResponseEntity<Map<String, Integer>> update(
            Caller caller,
            @PathVariable String collection,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody Object body) {
        StoredDestination updated = destinations.update(
                caller, BoundCallers.ownerOf(caller, collection), object(body), ETags.version(ifMatch, "destination"));
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(Map.of("Count", 1));
    }

    @DeleteMapping(DESTINATIONS)
    Map<String, Object> deleteFiltered(
            Caller caller, @PathVariable String collection, @RequestParam(name = "$filter") String filter) {
        Map<String, Boolean> deleted = destinations.deleteAll(
                caller, BoundCallers.ownerOf(caller, collection), DestinationFilter.parse(filter));
        return summary(deleted);
    }

    @DeleteMapping(DESTINATIONS + "/{name}")
    Map<String, Integer> delete(
            Caller caller,
            @PathVariable String collection,
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        destinations.delete(
                caller, BoundCallers.ownerOf(caller, collection), name, ETags.version(ifMatch, "destination"));
        return Map.of("Count", 1);
    }

    @GetMapping(CERTIFICATES)
    ResponseEntity<List<Map<String, String>>> certificates(
            Caller caller, @PathVariable String collection, @RequestParam Map<String, String> parameters) {
        SapListQuery query = SapListQuery.of(parameters);
        List<Certificate> all = certificates.list(BoundCallers.ownerOf(caller, collection), query.filter());
        SapListQuery.Window window = query.window();
        SapListQuery.Result page =
                query.respond(window == null ? all : window.of(all), all.size(), Certificate::toJson, path(collection));
        return ResponseEntity.ok().headers(page.headers()).body(page.body());
    }

    @GetMapping(CERTIFICATES + "/{name}")
    ResponseEntity<Map<String, String>> certificate(
            Caller caller, @PathVariable String collection, @PathVariable String name) {
        Certificate certificate = certificates.get(BoundCallers.ownerOf(caller, collection), name);
        return ResponseEntity.ok().eTag(ETags.of(certificate.version())).body(certificate.toJson());
    }

    @PostMapping(CERTIFICATES)
    ResponseEntity<?> uploadCertificate(Caller caller, @PathVariable String collection, @RequestBody Object body) {
        DestinationOwner owner = BoundCallers.ownerOf(caller, collection);
        if (body instanceof List<?> list) {
            certificates.createAll(caller, owner, objects(list));
            return ResponseEntity.status(HttpStatus.CREATED).build();
        }
        Certificate created = certificates.create(caller, owner, object(body));
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(ETags.of(created.version()))
                .body(Map.of("Name", created.name(), "Type", created.type()));
    }

    @PutMapping(CERTIFICATES)
    Map<String, Integer> replaceCertificate(Caller caller, @PathVariable String collection, @RequestBody Object body) {
        certificates.replace(caller, BoundCallers.ownerOf(caller, collection), object(body));
        return Map.of("Count", 1);
    }

    @DeleteMapping(CERTIFICATES)
    Map<String, Object> deleteCertificates(
            Caller caller, @PathVariable String collection, @RequestParam(name = "$filter") String filter) {
        return summary(certificates.deleteAll(
                caller, BoundCallers.ownerOf(caller, collection), DestinationFilter.parse(filter)));
    }

    @DeleteMapping(CERTIFICATES + "/{name}")
    Map<String, Integer> deleteCertificate(Caller caller, @PathVariable String collection, @PathVariable String name) {
        certificates.delete(caller, BoundCallers.ownerOf(caller, collection), name);
        return Map.of("Count", 1);
    }

    @ExceptionHandler(MooringProblem.class)
    ResponseEntity<ProblemDetail> problem(MooringProblem problem) {
        ProblemDetail body = Problems.body(problem);
        body.setProperty("ErrorMessage", problem.detail());
        return Problems.response(body);
    }

    private static Map<String, Object> outcome(Destinations.Outcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", outcome.name());
        if (outcome.created() != null) {
            json.put("status", HttpStatus.CREATED.value());
            json.put("etag", ETags.of(outcome.created().version()));
        } else {
            MooringProblem problem = requireNonNull(outcome.problem());
            json.put("status", problem.problemType().status().value());
            json.put("cause", problem.detail());
        }
        return json;
    }

    private static Map<String, Object> summary(Map<String, Boolean> deleted) {
        List<Map<String, String>> entries = deleted.entrySet().stream()
                .map(entry -> {
                    Map<String, String> json = new LinkedHashMap<>();
                    json.put("name", entry.getKey());
                    json.put("status", entry.getValue() ? "DELETED" : "NOT_FOUND");
                    if (!entry.getValue()) {
                        json.put("reason", NOT_FOUND_MESSAGE);
                    }
                    return json;
                })
                .toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put(
                "Count", deleted.values().stream().filter(Boolean::booleanValue).count());
        summary.put("Summary", entries);
        return summary;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> object(Object body) {
        if (body instanceof Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
        throw MooringProblem.invalidInput("The body must be a JSON object of destination properties.");
    }

    private static List<Map<String, ?>> objects(List<?> list) {
        if (list.isEmpty()) {
            throw MooringProblem.invalidInput("The array is empty; send at least one object.");
        }
        return list.stream()
                .<Map<String, ?>>map(SapDestinationController::object)
                .toList();
    }

    private static @Nullable String userToken(Caller caller, HttpServletRequest request) {
        String forwarded = request.getHeader("X-user-token");
        if (forwarded != null || caller.type() != Caller.PrincipalType.USER) {
            return forwarded;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
    }

    /** No destination has the name asked for. */
    private static final class UnknownDestination extends RuntimeException {
        UnknownDestination() {
            super(NOT_FOUND_MESSAGE, null, false, false);
        }
    }

    private static String path(String collection) {
        return "/destination-configuration/v1/" + collection;
    }
}
