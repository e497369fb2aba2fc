import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Closes HTTP/1 connections the way clients expect, between NIO's HTTP/1 decoder and
/// Hummingbird's HTTP-types codec (so it sees the request's HTTP version).
///
/// - A response to a request that is not keep-alive (HTTP/1.0 without `Connection: keep-alive`,
///   or `Connection: close`) and a response that carries `Connection: close` itself (413) get
///   `Connection: close` and the request's version; once the response is written the output is
///   shut down (`FIN`), the rest of the request is read and discarded (so the kernel does not
///   reset the connection and lose the response, RFC 9112 section 9.6 "lingering close") and the
///   connection is closed when the client closes its side or after `lingerTime`.
/// - A full close while writes are still pending (Hummingbird closes right after the last part
///   of the response when shutting down gracefully, before a large body reaches the socket) is
///   delayed until they are written, for at most `drainTime`.
final class ConnectionCloser: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias InboundOut = HTTPServerRequestPart
  typealias OutboundIn = HTTPServerResponsePart
  typealias OutboundOut = HTTPServerResponsePart

  let lingerTime: TimeAmount
  let drainTime: TimeAmount
  /// Keep-alive and version of the requests whose responses are not yet started, oldest first.
  var requests: [(keepAlive: Bool, version: HTTPVersion)] = []
  var closeAfterResponse = false
  var draining = false
  var pendingWrites = 0
  var deferredClose: EventLoopPromise<Void>?
  var deferredCloseRequested = false
  var timers: [Scheduled<Void>] = []

  init(lingerTime: TimeAmount = .seconds(2), drainTime: TimeAmount = .seconds(30)) {
    self.lingerTime = lingerTime
    self.drainTime = drainTime
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    for timer in timers { timer.cancel() }
    timers = []
  }

  func channelInactive(context: ChannelHandlerContext) {
    for timer in timers { timer.cancel() }
    timers = []
    deferredCloseRequested = false
    deferredClose?.succeed(())
    deferredClose = nil
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if draining { return }
    if case .head(let head) = unwrapInboundIn(data) {
      requests.append((head.isKeepAlive, head.version))
    }
    context.fireChannelRead(data)
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    if draining {
      context.read()
    } else {
      context.fireChannelReadComplete()
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    if draining { return }  // garbage after the response we closed on
    context.fireErrorCaught(error)
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if draining, let event = event as? ChannelEvent, event == .inputClosed {
      context.close(promise: nil)
      return
    }
    context.fireUserInboundEventTriggered(event)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    var part = unwrapOutboundIn(data)
    var endsConnection = false
    switch part {
    case .head(var head):
      let request =
        requests.isEmpty ? (keepAlive: true, version: head.version) : requests.removeFirst()
      let closeRequested = head.headers[canonicalForm: "connection"].contains {
        $0.lowercased() == "close"
      }
      if !request.keepAlive || closeRequested {
        closeAfterResponse = true
        head.headers.replaceOrAdd(name: "connection", value: "close")
      }
      if request.version.major == 1, request.version.minor == 0 {
        head.version = request.version
        // HTTP/1.0 clients assume the connection closes unless told otherwise.
        if !closeAfterResponse {
          head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
        }
      }
      part = .head(head)
    case .body:
      break
    case .end:
      endsConnection = closeAfterResponse
    }
    let tracked = promise ?? context.eventLoop.makePromise(of: Void.self)
    pendingWrites += 1
    tracked.futureResult.whenComplete { [self] result in
      pendingWrites -= 1
      if endsConnection, case .success = result {
        startLingering(context: context)
      }
      if pendingWrites == 0, deferredCloseRequested { finishDeferredClose(context: context) }
    }
    context.write(wrapOutboundOut(part), promise: tracked)
    if endsConnection { context.flush() }
  }

  func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
    guard mode == .all, pendingWrites > 0 else {
      context.close(mode: mode, promise: promise)
      return
    }
    // Let the response reach the socket first, bounded by `drainTime`.
    if let deferredClose {
      if let promise { deferredClose.futureResult.cascade(to: promise) }
      return
    }
    let deferred = context.eventLoop.makePromise(of: Void.self)
    if let promise { deferred.futureResult.cascade(to: promise) }
    deferredClose = deferred
    deferredCloseRequested = true
    context.flush()
    timers.append(
      context.eventLoop.scheduleTask(in: drainTime) { [self] in
        finishDeferredClose(context: context)
      })
  }

  func finishDeferredClose(context: ChannelHandlerContext) {
    guard deferredCloseRequested, let deferredClose else { return }
    deferredCloseRequested = false
    self.deferredClose = nil
    context.close(mode: .all, promise: deferredClose)
  }

  /// Shuts the output down and reads the rest of the input away until the client closes or
  /// `lingerTime` passes.
  func startLingering(context: ChannelHandlerContext) {
    guard !draining, context.channel.isActive else { return }
    draining = true
    context.close(mode: .output, promise: nil)
    context.read()
    timers.append(
      context.eventLoop.scheduleTask(in: lingerTime) {
        context.close(promise: nil)
      })
  }
}

/// Hummingbird's HTTP/1 child channel with a `ConnectionCloser` between the HTTP/1 decoder and
/// the HTTP-types codec.
struct ClosingHTTP1Channel: ServerChildChannel {
  typealias Value = HTTP1Channel.Value
  let inner: HTTP1Channel

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
      let pipeline = channel.pipeline.syncOperations
      let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
      try pipeline.addHandler(ConnectionCloser(), position: .after(decoder))
      return value
    }
  }

  /// A server builder for HTTP/1 connections closed after `idleTimeout` of silence.
  static func builder(idleTimeout: Duration) -> HTTPServerBuilder {
    let idle = idleTimeout.components
    let configuration = HTTP1Channel.Configuration(
      idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))
    return HTTPServerBuilder { responder in
      ClosingHTTP1Channel(inner: HTTP1Channel(responder: responder, configuration: configuration))
    }
  }

  func handle(value: Value, logger: Logger) async {
    await inner.handle(value: value, logger: logger)
  }
}
