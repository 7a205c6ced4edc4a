/**
 * Statistics (DESIGN.md §8): facts kept current by the database itself (V7, one row per ticket,
 * nothing that names anyone), the cube and the yearly summary for officials, and the public yearly
 * figures with their CSV and Table Schema — every published number under statistical secrecy.
 */
package fr.vigie.stats;
