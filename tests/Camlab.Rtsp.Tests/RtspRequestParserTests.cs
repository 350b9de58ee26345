using System.Buffers;
using System.Text;
using Camlab.Rtsp.Protocol;

namespace Camlab.Rtsp.Tests;

public class RtspRequestParserTests
{
    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static RtspRequest Parse(string text, out long consumed)
    {
        var buffer = Bytes(text);
        Assert.True(RtspRequestParser.TryParse(buffer, RtspLimits.Default, out var request, out var position));
        consumed = buffer.Slice(0, position).Length;
        return request!;
    }

    [Fact]
    public void ParsesRequestLineHeadersAndBody()
    {
        const string text = "SET_PARAMETER rtsp://h/Profile_1 RTSP/1.0\r\nCSeq: 7\r\nSession:  abc;timeout=60\r\ncontent-length: 5\r\n\r\nhelloOPTIONS";
        var request = Parse(text, out var consumed);
        Assert.Equal("SET_PARAMETER", request.Method);
        Assert.Equal("rtsp://h/Profile_1", request.Target);
        Assert.Equal("7", request.CSeq);
        Assert.Equal("abc", request.SessionId);
        Assert.Equal("hello", Encoding.ASCII.GetString(request.Body.Span));
        Assert.Equal(text.Length - "OPTIONS".Length, consumed);
    }

    [Fact]
    public void NeedsMoreBytesUntilTheHeadAndBodyAreComplete()
    {
        const string text = "DESCRIBE rtsp://h/p RTSP/1.0\r\nCSeq: 2\r\nContent-Length: 3\r\n\r\nabc";
        for (var n = 0; n < text.Length; n++)
            Assert.False(RtspRequestParser.TryParse(Bytes(text[..n]), RtspLimits.Default, out _, out _), $"prefix {n}");
        Assert.True(RtspRequestParser.TryParse(Bytes(text), RtspLimits.Default, out _, out _));
    }

    [Fact]
    public void SplitSegmentsParseLikeOneBuffer()
    {
        var bytes = Encoding.ASCII.GetBytes("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        for (var split = 1; split < bytes.Length; split++)
        {
            var first = new Segment(bytes[..split]);
            var last = first.Append(bytes[split..]);
            var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
            Assert.True(RtspRequestParser.TryParse(sequence, RtspLimits.Default, out var request, out _));
            Assert.Equal("1", request!.CSeq);
        }
    }

    [Fact]
    public void BareLineFeedsAndLeadingBlankLinesAndFoldedHeadersAreAccepted()
    {
        var request = Parse("\r\nOPTIONS * RTSP/1.0\nCSeq: 3\nUser-Agent: a\n b\n\n", out _);
        Assert.Equal("3", request.CSeq);
        Assert.Equal("a b", request.Header("user-agent"));
    }

    [Theory]
    [InlineData("OPTIONS * RTSP/2.0\r\nCSeq: 1\r\n\r\n", 505)]
    [InlineData("OPTIONS * HTTP/2\r\nCSeq: 1\r\n\r\n", 505)]
    [InlineData("OPTIONS *  RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400)]
    [InlineData("OPTIONS * RTSP/1.0\r\n\r\n", 400)]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: x\r\n\r\n", 400)]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nNo colon\r\n\r\n", 400)]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nContent-Length: -1\r\n\r\n", 400)]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 999999\r\n\r\n", 413)]
    [InlineData("OPT(ONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n", 400)]
    [InlineData("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX: a\u0001b\r\n\r\n", 400)]
    public void MalformedRequestsThrowTheirStatusAndSayHowMuchToSkip(string text, int status)
    {
        var e = Assert.Throws<RtspProtocolException>(() => RtspRequestParser.TryParse(Bytes(text), RtspLimits.Default, out _, out _));
        Assert.Equal(status, e.Status);
        if (status != 413) Assert.Equal(Encoding.UTF8.GetByteCount(text), e.SkipLength);
    }

    [Fact]
    public void CSeqOfABadRequestIsKeptToEcho()
    {
        var e = Assert.Throws<RtspProtocolException>(() => RtspRequestParser.TryParse(Bytes("PLAY * RTSP/1.1\r\nCSeq: 42\r\n\r\n"), RtspLimits.Default, out _, out _));
        Assert.Equal("42", e.CSeq);
    }

    [Fact]
    public void LimitsAreEnforcedBeforeTheHeadIsComplete()
    {
        var limits = new RtspLimits { MaxLineLength = 100, MaxHeadBytes = 300, MaxHeaderCount = 5 };
        var longLine = "OPTIONS rtsp://h/" + new string('a', 200);
        Assert.Equal(414, Assert.Throws<RtspProtocolException>(() => RtspRequestParser.TryParse(Bytes(longLine), limits, out _, out _)).Status);
        var manyHeaders = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n" + string.Concat(Enumerable.Range(0, 8).Select(i => $"X{i}: y\r\n")) + "\r\n";
        var e = Assert.Throws<RtspProtocolException>(() => RtspRequestParser.TryParse(Bytes(manyHeaders), limits, out _, out _));
        Assert.Equal(400, e.Status);
        Assert.Equal(manyHeaders.Length, e.SkipLength);
        var bigHead = "OPTIONS * RTSP/1.0\r\n" + string.Concat(Enumerable.Range(0, 4).Select(i => $"X{i}: {new string('v', 90)}\r\n"));
        Assert.Equal(400, Assert.Throws<RtspProtocolException>(() => RtspRequestParser.TryParse(Bytes(bigHead), limits, out _, out _)).Status);
    }

    [Fact]
    public void HttpRequestsForTheTunnelAreReturnedWithoutTheirBody()
    {
        const string head = "POST /Profile_1 HTTP/1.0\r\nx-sessioncookie: abc\r\nContent-Length: 32767\r\n\r\n";
        var request = Parse(head + "T1BU", out var consumed);
        Assert.True(request.IsHttp);
        Assert.Equal("abc", request.Header("X-SessionCookie"));
        Assert.Equal(head.Length, consumed);
    }

    [Fact]
    public void InterleavedFramesAreReadFromHandBuiltBytes()
    {
        byte[] bytes = [(byte)'$', 1, 0x00, 0x03, 0xAA, 0xBB, 0xCC, (byte)'$', 2, 0x01];
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(InterleavedFrame.TryRead(buffer, out var channel, out var payload, out var consumed));
        Assert.Equal(1, channel);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC }, payload.ToArray());
        var rest = buffer.Slice(consumed);
        Assert.Equal(3, rest.Length);
        Assert.False(InterleavedFrame.TryRead(rest, out _, out _, out _));
        Span<byte> header = stackalloc byte[4];
        InterleavedFrame.WriteHeader(header, 3, 0x1234);
        Assert.Equal(new byte[] { 0x24, 3, 0x12, 0x34 }, header.ToArray());
    }

    [Fact]
    public void TransportHeadersParseAlternativesAndRefuseBadRanges()
    {
        var specs = TransportSpec.ParseHeader("RTP/AVP/TCP;unicast;interleaved=2-3, RTP/AVP;unicast;client_port=5000-5001,RTP/AVP;multicast");
        Assert.Equal(TransportKind.Interleaved, specs[0].Kind);
        Assert.Equal((2, 3), specs[0].Interleaved);
        Assert.Equal((5000, 5001), specs[1].ClientPorts);
        Assert.True(specs[2].Multicast);
        Assert.Equal((7000, 7001), TransportSpec.Parse("RTP/AVP;client_port=7000").ClientPorts);
        Assert.Equal(400, Assert.Throws<RtspProtocolException>(() => TransportSpec.Parse("RTP/AVP;client_port=99999-2")).Status);
        Assert.Equal(400, Assert.Throws<RtspProtocolException>(() => TransportSpec.Parse("RTP")).Status);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
