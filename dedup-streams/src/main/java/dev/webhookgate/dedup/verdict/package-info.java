/** The verdict feature: read-your-writes answers to the ingest's batches (docs/verdict-protocol.md). */
package dev.webhookgate.dedup.verdict;
