/**
 * Training runs end to end (train, gate, record, report) and the trainer's schedule: a refit every
 * {@code trainer.train-every} with the hyperparameters chosen last, a search every {@code
 * trainer.search-every}.
 */
package io.gammastraddle.training.schedule;
