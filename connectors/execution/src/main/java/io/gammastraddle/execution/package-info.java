/**
 * The execution Sink V2: order intents to Deribit's JSON-RPC API, each label placed once, and what
 * the exchange does not announce published to {@code deribit.user.raw}. Start at {@link
 * io.gammastraddle.execution.ExecutionSink}.
 */
package io.gammastraddle.execution;
