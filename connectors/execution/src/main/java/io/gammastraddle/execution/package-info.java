/** The execution Sink V2: order intents to Deribit's JSON-RPC API, each label placed once. */
package io.gammastraddle.execution;
