import Foundation
import Prometheus

/// The server's Prometheus metrics: requests by route and status, request latency,
/// rows predicted and model load time. One registry per server (no global state).
struct ServerMetrics: Sendable {
  let registry = PrometheusCollectorRegistry()
  private let latency: ValueHistogram

  /// Latency buckets in seconds, from 50 µs to 5 s.
  static let buckets: [Double] = [
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    2.5, 5,
  ]

  init() {
    latency = registry.makeValueHistogram(
      descriptor: MetricNameDescriptor(
        namespace: "melix", metricName: "request_duration", unitName: "seconds",
        helpText: "Time from request to response, in seconds"),
      buckets: Self.buckets)
  }

  func recordRequest(route: String, status: Int, seconds: Double) {
    registry.makeCounter(
      descriptor: MetricNameDescriptor(
        namespace: "melix", metricName: "requests", unitName: "total",
        helpText: "HTTP requests by route and status"),
      labels: [("route", route), ("status", String(status))]
    ).increment()
    latency.record(seconds)
  }

  func recordRows(model: String, count: Int) {
    registry.makeCounter(
      descriptor: MetricNameDescriptor(
        namespace: "melix", metricName: "rows_predicted", unitName: "total",
        helpText: "Rows predicted, by model"),
      labels: [("model", model)]
    ).increment(by: Int64(count))
  }

  func recordLoad(model: String, seconds: Double) {
    registry.makeGauge(
      descriptor: MetricNameDescriptor(
        namespace: "melix", metricName: "model_load", unitName: "seconds",
        helpText: "Time taken to load the model, in seconds"),
      labels: [("model", model)]
    ).set(to: seconds)
  }

  func text() -> String { registry.emitToString() }
}
