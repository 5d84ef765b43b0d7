package io.autopilot.control;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A control connection carries one exchange in HTTP/1.1: one request, one answer, then it closes (ContainerPilot's
 * server kept no connection alive, and a client command sends one request). Enforced on the connection's channel,
 * below Vert.x's HTTP, as Vert.x has no option for it (docs/design.md, "Why does the control plane reach below
 * Vert.x?"):
 * <ul>
 *   <li>Once the request is in, the connection's input is shut down. A client that half-closes its side after its
 *   request ({@code shutdown(SHUT_WR)}, as {@code nc -N} does) still reads the answer: the transport closes the whole
 *   connection when it reads the end of the input, unless the input is already shut down, and an answer that takes a
 *   turn of the event loop (a reload, a job's stop) was lost. Whatever came after the request is dropped unread,
 *   never acted on without an answer.</li>
 *   <li>A request in another version than HTTP/1.0 or 1.1 (an HTTP/2 preface, {@code PRI * HTTP/2.0}) is marked
 *   invalid, so it is refused ({@link UnsupportedVersion}), never served.</li>
 *   <li>Every answer is HTTP/1.1 with {@code Connection: close}, and the connection closes once it is written; when
 *   the connection is closed for another reason, what was written is flushed first.</li>
 *   <li>The whole request must be in within {@link #REQUEST_DEADLINE} of the connection's start, else the connection
 *   is closed unanswered. The idle timeout alone does not bound a connection: a client that sends a byte now and
 *   then (slowloris) keeps it open for as long as it likes, each one holding a file descriptor of PID 1's.</li>
 * </ul>
 * Confined to the connection's event loop, as every channel handler.
 */
final class SingleExchange extends ChannelDuplexHandler {
    /** A client command sends its request at once; the largest allowed takes milliseconds over a Unix socket. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);

    private boolean requestEnded;
    private boolean answering;
    private ScheduledFuture<?> deadline;

    /** A request in an HTTP version the control plane does not speak. */
    static final class UnsupportedVersion extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedVersion(HttpVersion version) {
            super(version + " is not spoken here: the control plane speaks HTTP/1.1", null, false, false);
        }
    }

    /** Installs the policy on a connection the HTTP server has just accepted, before it has read a byte. */
    static void install(HttpConnection connection) {
        ((ConnectionBase) connection).channel().pipeline().addBefore("handler", "singleExchange",
                new SingleExchange());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            if (!requestEnded) {
                ctx.close();
            }
        }, REQUEST_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (requestEnded) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpRequest request && request.decoderResult().isSuccess()
                && !request.protocolVersion().equals(HttpVersion.HTTP_1_1)
                && !request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            request.setDecoderResult(DecoderResult.failure(new UnsupportedVersion(request.protocolVersion())));
        }
        if (message instanceof LastHttpContent) {
            requestEnded = true;
            deadline.cancel(false);
            if (ctx.channel() instanceof DuplexChannel channel) {
                channel.shutdownInput();
            }
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof HttpResponse response && response.status().code() >= 200) {
            response.setProtocolVersion(HttpVersion.HTTP_1_1);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            answering = true;
        }
        if (answering && message instanceof LastHttpContent) {
            ChannelPromise written = promise.unvoid();
            ctx.write(message, written);
            written.addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.write(message, promise);
        }
    }

    /**
     * Flushes before closing: an answer written while a read is in progress waits for the read's end to be flushed,
     * and a connection closed before that (the decoder found the body malformed) would drop it unsent.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.flush();
        ctx.close(promise);
    }
}
