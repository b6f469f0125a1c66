package io.mooring.server.destination;

import io.mooring.server.destination.query.DestinationFilter;
import io.mooring.server.platform.problem.MooringProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The query options of a list in SAP's Destination API: {@code $filter}, {@code $select}, {@code $page} (from 1) with
 * {@code $pageSize} (1 to 1000, default 100 when only {@code $page} is given), and the {@code Page-Count} and
 * {@code Entity-Count} headers asked for with {@code $pageCount=true} and {@code $entityCount=true}. A page also
 * gets a {@code Link} header to its neighbours.
 */
record SapListQuery(
        @Nullable DestinationFilter filter,
        @Nullable Set<String> select,
        @Nullable Integer page,
        @Nullable Integer pageSize,
        boolean pageCount,
        boolean entityCount) {
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    static SapListQuery of(Map<String, String> parameters) {
        String filter = parameters.get("$filter");
        String select = parameters.get("$select");
        Integer page = number(parameters, "$page", 1, Integer.MAX_VALUE);
        Integer pageSize = number(parameters, "$pageSize", 1, MAX_PAGE_SIZE);
        return new SapListQuery(
                filter == null || filter.isBlank() ? null : DestinationFilter.parse(filter),
                select == null || select.isBlank()
                        ? null
                        : java.util.Arrays.stream(select.split(","))
                                .map(String::strip)
                                .filter(name -> !name.isEmpty())
                                .collect(Collectors.toUnmodifiableSet()),
                page,
                pageSize,
                flag(parameters, "$pageCount"),
                flag(parameters, "$entityCount"));
    }

    /** The rows a page asks for, or null when all are asked for. */
    @Nullable
    Window window() {
        if (page == null && pageSize == null) {
            return null;
        }
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        int number = page == null ? 1 : page;
        return new Window((long) (number - 1) * size, size);
    }

    /**
     * The answer for one page of entries out of {@code total} matching ones: each entry cut down to the selected
     * properties, with the paging headers asked for.
     */
    <T> Result respond(List<T> entries, long total, Function<T, Map<String, String>> properties, String path) {
        HttpHeaders headers = new HttpHeaders();
        Window window = window();
        if (window != null) {
            int number = page == null ? 1 : page;
            long pages = Math.max(1, (total + window.limit() - 1) / window.limit());
            if (pageCount) {
                headers.add("Page-Count", String.valueOf(pages));
            }
            List<String> links = new ArrayList<>();
            if (number > 1) {
                links.add(link(path, (int) Math.min(number - 1, pages), window.limit(), "previous"));
            }
            if (number < pages) {
                links.add(link(path, number + 1, window.limit(), "next"));
            }
            if (!links.isEmpty()) {
                headers.add(HttpHeaders.LINK, String.join(", ", links));
            }
        }
        if (entityCount) {
            headers.add("Entity-Count", String.valueOf(total));
        }
        List<Map<String, String>> body =
                entries.stream().map(properties).map(this::selected).toList();
        return new Result(body, headers);
    }

    private Map<String, String> selected(Map<String, String> properties) {
        if (select == null || select.contains("*")) {
            return properties;
        }
        Map<String, String> kept = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (select.contains(key)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    private static String link(String path, int page, int size, String relation) {
        String url = UriComponentsBuilder.fromPath(path)
                .queryParam("$page", page)
                .queryParam("$pageSize", size)
                .build()
                .toUriString();
        return "<" + url + ">; rel=\"" + relation + "\"";
    }

    private static @Nullable Integer number(Map<String, String> parameters, String name, int min, int max) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MooringProblem.invalidInput(
                name + " must be a whole number from " + min + " to " + max + " (was '" + value + "').");
    }

    private static boolean flag(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw MooringProblem.invalidInput(name + " must be true or false (was '" + value + "').");
    }

    record Result(List<Map<String, String>> body, HttpHeaders headers) {}

    /** A page as rows to skip and rows to return. */
    record Window(long offset, int limit) {
        <T> List<T> of(List<T> all) {
            return offset >= all.size()
                    ? List.of()
                    : all.subList((int) offset, (int) Math.min(all.size(), offset + limit));
        }
    }
}
