/** The HTTP surface that wires the features' controllers to routes, and what instances ask each other. */
package dev.webhookgate.dedup.http;
