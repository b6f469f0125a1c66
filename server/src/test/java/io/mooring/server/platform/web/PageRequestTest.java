package io.mooring.server.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.server.platform.problem.MooringProblem;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PageRequestTest {
    @Property
    void cursorShouldRoundTripAnySortKeys(@ForAll @Size(2) List<String> keys) {
        String cursor = PageRequest.encode(keys);

        assertThat(PageRequest.of(10, cursor, 2).after()).isEqualTo(keys);
    }

    @Test
    void pageWhenMoreRowsThanLimitShouldCutAndPointAfterTheLastItem() {
        PageRequest request = PageRequest.of(2, null, 1);

        Page<String> page = request.page(List.of("a", "b", "c"), item -> List.of(item));

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(PageRequest.of(2, page.nextCursor(), 1).after()).containsExactly("b");
    }

    @Test
    void pageWhenLastShouldHaveNoCursor() {
        assertThat(PageRequest.of(5, null, 1)
                        .page(List.of("a"), item -> List.of(item))
                        .nextCursor())
                .isNull();
    }

    @Test
    void ofWhenLimitOutOfRangeOrCursorForeignShouldRefuse() {
        assertThatThrownBy(() -> PageRequest.of(0, null, 1)).isInstanceOf(MooringProblem.class);
        assertThatThrownBy(() -> PageRequest.of(501, null, 1)).isInstanceOf(MooringProblem.class);
        assertThatThrownBy(() -> PageRequest.of(5, "%%%", 1)).isInstanceOf(MooringProblem.class);
        assertThatThrownBy(() -> PageRequest.of(5, PageRequest.encode(List.of("a", "b")), 1))
                .isInstanceOf(MooringProblem.class);
    }
}
