package fr.vigie.web;

/**
 * What the layout shows to a signed-in staff member: their name and the sign-out form, which
 * carries the session's anti-forgery token.
 */
public record StaffChrome(String username, String formToken) {}
