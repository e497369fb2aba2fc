import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// The server's Prometheus metrics: requests by route and status, request latency,
/// rows predicted and model load time. One registry per server (no global state).
struct ServerMetrics: Sendable {
  let registry = PrometheusCollectorRegistry()
  private let latency: ValueHistogram
  /// The request counters made so far, by route template and status. Asking the registry for
  /// a counter on every request rebuilds and validates its name and labels under the
  /// registry's lock (2.5% of a one-row request's CPU time in bench/serve); a hit here is a
  /// short lock and a dictionary look-up.
  private let requestCounters = NIOLockedValueBox<[RequestKey: Counter]>([:])

  private struct RequestKey: Hashable {
    let route: String
    let status: Int
  }

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

  /// Counts a request and records its latency.
  ///
  /// - Parameters:
  ///   - route: The route template (bounded cardinality).
  ///   - status: The HTTP status code.
  ///   - seconds: Time from request to response, in seconds.
  func recordRequest(route: String, status: Int, seconds: Double) {
    let key = RequestKey(route: route, status: status)
    let registry = self.registry
    let counter = requestCounters.withLockedValue { counters in
      if let counter = counters[key] { return counter }
      let counter = registry.makeCounter(
        descriptor: MetricNameDescriptor(
          namespace: "melix", metricName: "requests", unitName: "total",
          helpText: "HTTP requests by route and status"),
        labels: [("route", route), ("status", String(status))])
      counters[key] = counter
      return counter
    }
    counter.increment()
    latency.record(seconds)
  }

  /// The rows counter of a model; the server makes one per model up front.
  func rowsCounter(model: String) -> Counter {
    registry.makeCounter(
      descriptor: MetricNameDescriptor(
        namespace: "melix", metricName: "rows_predicted", unitName: "total",
        helpText: "Rows predicted, by model"),
      labels: [("model", model)])
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
