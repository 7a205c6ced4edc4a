/** The injected clock: logic never reads the wall clock itself, so tests can move time. */
package fr.vigie.time;
