/**
 * The public pages of intake (DESIGN.md §12): the guided report form {@code /signaler} generated
 * from the questionnaire, its check page and receipt, and the victim's follow-up {@code /suivi}.
 * They call the same services as the API ({@link fr.vigie.intake.IntakeService}, {@link
 * fr.vigie.intake.FollowUps}).
 */
package fr.vigie.intake.web;
