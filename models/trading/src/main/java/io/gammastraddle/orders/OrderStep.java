package io.gammastraddle.orders;

/** A working order's decision: the action, and the order's state once the action is handed on. */
public record OrderStep(WorkingOrder order, OrderAction action) {}
