using System.Buffers;
using System.Text;
using Camlab.Rtsp.Protocol;

namespace Camlab.Rtsp.Tests;

/// <summary>
/// 10,000 random and mutated requests and interleaved frames, fed as a connection would feed them (parse, skip what
/// a bad request occupied, or close): only <see cref="RtspProtocolException"/> may come out, every call consumes or
/// asks for more, and nothing loops. Fixed seed, so a failure reproduces; docs/streaming.md shows a longer run.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Seeds =
    [
        "OPTIONS rtsp://127.0.0.1:8554/Profile_1 RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: fuzz\r\n\r\n",
        "DESCRIBE rtsp://127.0.0.1:8554/Profile_1 RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n",
        "SETUP rtsp://127.0.0.1:8554/Profile_1/trackID=1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n",
        "PLAY rtsp://127.0.0.1:8554/Profile_1/ RTSP/1.0\r\nCSeq: 4\r\nSession: 0123456789abcdef\r\nRange: npt=0.000-\r\n\r\n",
        "SET_PARAMETER rtsp://h/ RTSP/1.0\r\nCSeq: 5\r\nContent-Length: 10\r\n\r\nbarparam: ",
        "GET /Profile_1 HTTP/1.0\r\nx-sessioncookie: abc\r\nAccept: application/x-rtsp-tunnelled\r\n\r\n",
        "$\u0001\u0000\u0008\u0081\u00c9\u0000\u0001\u0000\u0000\u0000\u0001",
    ];

    [Fact]
    public void TenThousandRandomAndMutatedInputsOnlyEverGiveProtocolErrors()
    {
        // CAMLAB_FUZZ_RUNS / CAMLAB_FUZZ_SEED make a longer or different run (docs/streaming.md).
        var runs = int.TryParse(Environment.GetEnvironmentVariable("CAMLAB_FUZZ_RUNS"), out var r) ? r : 10_000;
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("CAMLAB_FUZZ_SEED"), out var seed) ? seed : 20261206);
        var limits = new RtspLimits { MaxLineLength = 512, MaxHeadBytes = 2048, MaxHeaderCount = 16, MaxBodyBytes = 1024 };
        for (var run = 0; run < runs; run++)
        {
            var input = Mutate(random, run);
            Feed(input, limits, random);
        }
    }

    private static byte[] Mutate(Random random, int run)
    {
        if (run % 10 == 0)
        {
            var noise = new byte[random.Next(0, 600)];
            random.NextBytes(noise);
            return noise;
        }
        var bytes = new List<byte>();
        for (var n = random.Next(1, 4); n > 0; n--) bytes.AddRange(Encoding.Latin1.GetBytes(Seeds[random.Next(Seeds.Length)]));
        for (var m = random.Next(0, 8); m > 0 && bytes.Count > 0; m--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveAt(at); break;
                case 2: bytes.Insert(at, (byte)"\r\n:; $0-9"[random.Next(9)]); break;
                case 3: bytes.InsertRange(at, Enumerable.Repeat((byte)'A', random.Next(1, 3000))); break;
                case 4: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 40))); break;
                default: bytes.InsertRange(at, Encoding.ASCII.GetBytes($"\r\nContent-Length: {random.Next(-5, 5000)}\r\n")); break;
            }
        }
        return bytes.ToArray();
    }

    // The connection's loop, without the socket: frames, requests, skips; ends when it must wait or close.
    private static void Feed(byte[] input, RtspLimits limits, Random random)
    {
        // Delivered in random pieces, as TCP would.
        var delivered = 0;
        var buffer = ReadOnlySequence<byte>.Empty;
        var start = 0;
        for (var steps = 0; steps < 100_000; steps++)
        {
            if (delivered < input.Length) delivered = Math.Min(input.Length, delivered + random.Next(1, 400));
            buffer = new ReadOnlySequence<byte>(input, start, delivered - start);
            while (!buffer.IsEmpty)
            {
                var before = buffer.Length;
                if (buffer.FirstSpan[0] == InterleavedFrame.Magic)
                {
                    if (!InterleavedFrame.TryRead(buffer, out _, out _, out var end)) break;
                    buffer = buffer.Slice(end);
                }
                else
                {
                    try
                    {
                        if (!RtspRequestParser.TryParse(buffer, limits, out var request, out var consumed)) break;
                        Assert.NotNull(request);
                        if (request!.IsHttp) return;
                        _ = request.SessionId;
                        if (request.Header("Transport") is { } t)
                            try { TransportSpec.ParseHeader(t); } catch (RtspProtocolException) { }
                        buffer = buffer.Slice(consumed);
                    }
                    catch (RtspProtocolException e)
                    {
                        Assert.InRange(e.Status, 400, 599);
                        if (e.SkipLength is not { } skip || skip > buffer.Length) return; // the connection closes
                        Assert.True(skip > 0);
                        buffer = buffer.Slice(skip);
                    }
                }
                Assert.True(buffer.Length < before, "every step consumes bytes");
            }
            start = delivered - (int)buffer.Length;
            if (delivered == input.Length) return;
        }
        Assert.Fail("the input was not consumed within the step bound");
    }
}
