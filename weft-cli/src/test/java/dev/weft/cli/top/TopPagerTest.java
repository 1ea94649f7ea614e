package dev.weft.cli.top;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopPagerTest {

    @Test
    void countsPagesLikeSpdkTop() {
        assertThat(TopPager.pages(0, 5)).isEqualTo(1);
        assertThat(TopPager.pages(5, 5)).isEqualTo(1);
        assertThat(TopPager.pages(11, 5)).isEqualTo(3);
        assertThat(TopPager.pages(3, 0)).isEqualTo(3);
    }

    @Test
    void pageKeysMoveByPagesAndSelectTheFirstRowOfTheNewPage() {
        final TopPager pager = new TopPager();
        assertThat(pager.label(11, 5)).isEqualTo("Page: 1/3");
        pager.down(11, 5);
        pager.down(11, 5);
        assertThat(pager.selectedRow(11, 5)).isEqualTo(2);
        pager.pageDown(11, 5);
        assertThat(pager.label(11, 5)).isEqualTo("Page: 2/3");
        assertThat(pager.selectedRow(11, 5)).isEqualTo(5);
        pager.pageDown(11, 5);
        pager.pageDown(11, 5);
        assertThat(pager.label(11, 5)).isEqualTo("Page: 3/3");
        pager.down(11, 5);
        assertThat(pager.selectedRow(11, 5)).as("the last page has one row").isEqualTo(10);
        pager.pageUp();
        assertThat(pager.selectedRow(11, 5)).isEqualTo(5);
        pager.up();
        assertThat(pager.selectedRow(11, 5)).as("up stays on the page").isEqualTo(5);
    }

    @Test
    void positionFollowsFewerRowsAndASmallerPage() {
        final TopPager pager = new TopPager();
        pager.pageDown(11, 5);
        pager.pageDown(11, 5);
        pager.down(12, 5);
        assertThat(pager.selectedRow(12, 5)).isEqualTo(11);
        assertThat(pager.selectedRow(4, 5))
                .as("back on the only page, the same place on it")
                .isEqualTo(1);
        assertThat(pager.label(4, 5)).isEqualTo("Page: 1/1");
        assertThat(pager.selectedRow(0, 5)).isEqualTo(-1);
        pager.reset();
        assertThat(pager.selectedRow(11, 5)).isZero();
    }
}
