package fr.vigie.web;

/**
 * What the layout needs besides the page itself: the desk, and whether the page is shown inside a
 * partner's {@code iframe} (then the header and footer are lighter).
 */
public record Chrome(DeskSettings desk, boolean embedded) {}
