package dev.latchkey.application.port.in;

/** The state the operator's gauges show: connections by status, the webhook outbox's depth and age. */
public interface MeasureOperationsUseCase {
    OperationsSnapshot measure();
}
