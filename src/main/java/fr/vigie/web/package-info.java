/**
 * Shared page infrastructure (DESIGN.md §12): the desk's settings, the layout's data, the French
 * message catalogue, signed form state and the pages' security headers. It only composes: the pages
 * of a feature live in that feature (the report form and the follow-up in {@code intake.web}).
 */
package fr.vigie.web;
