/**
 * Runtime plumbing every service uses and no service agrees on with another: reading the environment,
 * the main's start/stop life cycle, building Kafka clients with the deployment's security settings,
 * and checking that the topics a service uses exist. The wire format lives in {@code contract}.
 */
package dev.webhookgate.runtime;
