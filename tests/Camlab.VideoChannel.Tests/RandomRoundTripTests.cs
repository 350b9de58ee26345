using System.Buffers;

namespace Camlab.VideoChannel.Tests;

/// <summary>Property-style: random headers (fixed seed) survive write → read through every entry point.</summary>
public class RandomRoundTripTests
{
    private const int Seed = 0x5EED_2026;

    internal sealed record RandomFrame(FrameHeader Header, byte[] Payload, byte[] PrivacyMask, byte[] Signature, DeviceState[] DeviceStates)
    {
        public Frame ToFrame() => new(Header, Payload)
        {
            PrivacyMask = PrivacyMask, Signature = Signature, DeviceStates = new DeviceStateList(DeviceStates),
        };

        public byte[] Write()
        {
            var frame = ToFrame();
            var bytes = new byte[FrameWriter.GetFrameLength(frame)];
            Assert.Equal(bytes.Length, FrameWriter.Write(bytes, frame));
            return bytes;
        }
    }

    internal static RandomFrame Next(Random r)
    {
        uint U32() => (uint)r.NextInt64(0, 1L << 32);
        ulong U64() => (ulong)r.NextInt64() ^ ((ulong)r.Next(2) << 63);
        bool Has() => r.Next(2) == 0;
        Guid Id() { var b = new byte[16]; r.NextBytes(b); return new Guid(b); }
        byte[] Ascii(int max) => Enumerable.Range(0, r.Next(max)).Select(_ => (byte)r.Next(32, 127)).ToArray();

        var nativeFlags = (NativeDataFlags)r.Next(16);
        var mask = (nativeFlags & NativeDataFlags.PrivacyMask) != 0 ? Ascii(200) : [];
        var signature = (nativeFlags & NativeDataFlags.Signature) != 0 ? Ascii(100) : [];
        bool dynamic = Has();
        var states = dynamic ? Enumerable.Range(0, r.Next(4)).Select(_ => new DeviceState(Id(), U32())).ToArray() : [];
        bool native = Has() || mask.Length > 0 || signature.Length > 0;

        var header = new FrameHeader
        {
            VideoId = Id(),
            TimestampUtcMs = U64(),
            FrameCount = U32(),
            UsesHeaderSizeBytesExt = r.Next(5) == 0,
            SizeInfo = Has() ? new SizeInfo(r.Next(), r.Next(), r.Next(), r.Next(), r.Next(), r.Next(), r.Next(), -r.Next(), r.Next()) : null,
            LiveInfo = Has() ? new LiveInfo((LiveFlags)U32(), (LiveFlags)U32()) : null,
            PlaybackInfo = Has() ? new PlaybackInfo((PlaybackFlags)U32(), (PlaybackFlags)U32()) : null,
            NativeData = native
                ? new NativeData
                {
                    Flags = nativeFlags,
                    PreviousSyncTimeStamp = (nativeFlags & NativeDataFlags.PlaybackSync) != 0 ? U64() : 0,
                    NextSyncTimeStamp = (nativeFlags & NativeDataFlags.PlaybackSync) != 0 ? U64() : 0,
                    SequenceId = (nativeFlags & NativeDataFlags.Sequence) != 0 ? U64() : 0,
                    HasMotion = (nativeFlags & NativeDataFlags.Sequence) != 0 ? (ushort)r.Next(65536) : (ushort)0,
                    PrivacyMaskState = (nativeFlags & NativeDataFlags.PrivacyMask) != 0 ? U32() : 0,
                    SignatureState = (nativeFlags & NativeDataFlags.Signature) != 0 ? U32() : 0,
                }
                : null,
            MotionInfo = Has() ? new MotionInfo(U32()) : null,
            LocationInfo = Has() ? new LocationInfo(U32(), (LocationSource)U32(), (LocationFields)U32(), U32(), U32(), r.Next(int.MinValue, int.MaxValue), U32(), U32(), U32(), U32()) : null,
            StreamInfo = Has() ? new StreamInfo(U32(), (StreamInfoFields)U32(), U32(), U32(), (StreamInfoFlags)U32(), U32(), U32(), U32(), U64(), U32()) : null,
            CarouselInfo = Has() ? new CarouselInfo(U32(), Id()) : null,
            DynamicInfo = dynamic ? new DynamicInfo { Version = U32(), DataType = DynamicInfo.DeviceStateDataType } : null,
            PlaybackRequest = Has() ? new PlaybackRequest(U64()) : null,
        };
        var payload = new byte[r.Next(0, 3000)];
        r.NextBytes(payload);
        return new RandomFrame(header, payload, mask, signature, states);
    }

    /// <summary>The header as the reader reports it: sizes, flags and positions filled in.</summary>
    private static void AssertSameContent(RandomFrame expected, in Frame actual)
    {
        var e = expected.Header;
        var a = actual.Header;
        Assert.Equal(e.VideoId, a.VideoId);
        Assert.Equal(e.TimestampUtcMs, a.TimestampUtcMs);
        Assert.Equal(e.FrameCount, a.FrameCount);
        Assert.Equal((uint)expected.Payload.Length, a.FrameSizeBytes);
        Assert.Equal(e.PresentExtensions, a.HeaderExtensionFlags);
        Assert.Equal(e.SizeInfo, a.SizeInfo);
        Assert.Equal(e.LiveInfo, a.LiveInfo);
        Assert.Equal(e.PlaybackInfo, a.PlaybackInfo);
        Assert.Equal(e.NativeData?.Flags, a.NativeData?.Flags);
        Assert.Equal(e.NativeData?.PreviousSyncTimeStamp, a.NativeData?.PreviousSyncTimeStamp);
        Assert.Equal(e.NativeData?.NextSyncTimeStamp, a.NativeData?.NextSyncTimeStamp);
        Assert.Equal(e.NativeData?.SequenceId, a.NativeData?.SequenceId);
        Assert.Equal(e.NativeData?.HasMotion, a.NativeData?.HasMotion);
        Assert.Equal(e.NativeData?.PrivacyMaskState, a.NativeData?.PrivacyMaskState);
        Assert.Equal(e.NativeData?.SignatureState, a.NativeData?.SignatureState);
        Assert.Equal(e.MotionInfo, a.MotionInfo);
        Assert.Equal(e.LocationInfo, a.LocationInfo);
        Assert.Equal(e.StreamInfo, a.StreamInfo);
        Assert.Equal(e.CarouselInfo, a.CarouselInfo);
        Assert.Equal(e.DynamicInfo?.Version, a.DynamicInfo?.Version);
        Assert.Equal(e.PlaybackRequest, a.PlaybackRequest);
        Assert.Equal(expected.PrivacyMask, actual.PrivacyMask.ToArray());
        Assert.Equal(expected.Signature, actual.Signature.ToArray());
        Assert.Equal(expected.DeviceStates.Length, actual.DeviceStates.Count);
        for (int i = 0; i < expected.DeviceStates.Length; i++)
            Assert.Equal(expected.DeviceStates[i], actual.DeviceStates[i]);
        Assert.Equal(expected.Payload, actual.Payload.ToArray());
    }

    [Fact]
    public void Random_headers_round_trip_through_span_and_rewrite()
    {
        var r = new Random(Seed);
        for (int i = 0; i < 1000; i++)
        {
            var expected = Next(r);
            var bytes = expected.Write();

            var frame = FrameReader.ReadFrame(bytes, out int consumed);

            Assert.Equal(bytes.Length, consumed);
            Assert.Equal(expected.Header.UsesHeaderSizeBytesExt, frame.Header.UsesHeaderSizeBytesExt);
            AssertSameContent(expected, frame);

            // What was read writes back to the same bytes.
            var again = new byte[bytes.Length];
            FrameWriter.Write(again, new Frame(frame.Header, frame.Payload)
            {
                PrivacyMask = frame.PrivacyMask, Signature = frame.Signature, DeviceStates = frame.DeviceStates,
            });
            Assert.Equal(bytes, again);
        }
    }

    [Fact]
    public void Random_headers_round_trip_through_split_sequences()
    {
        var r = new Random(Seed + 1);
        for (int i = 0; i < 500; i++)
        {
            var expected = Next(r);
            var bytes = expected.Write();
            var cuts = Enumerable.Range(0, r.Next(1, 6)).Select(_ => r.Next(1, bytes.Length)).ToArray();
            var sequence = Segments.Split(bytes, cuts);

            Assert.True(FrameReader.TryReadFrame(sequence, out var header, out var frameBytes));
            Assert.Equal(bytes.Length, frameBytes.Length);

            var contiguous = frameBytes.ToArray();
            var frame = Frame.Over(header, contiguous);
            AssertSameContent(expected, frame);
            Assert.Equal(expected.Payload, header.PayloadRange.Slice(frameBytes).ToArray());
        }
    }

    [Fact]
    public void Back_to_back_random_frames_are_consumed_exactly()
    {
        var r = new Random(Seed + 2);
        var frames = Enumerable.Range(0, 50).Select(_ => Next(r)).ToArray();
        var stream = frames.SelectMany(f => f.Write()).ToArray();

        int offset = 0;
        foreach (var expected in frames)
        {
            var frame = FrameReader.ReadFrame(stream.AsSpan(offset), out int consumed);
            AssertSameContent(expected, frame);
            offset += consumed;
        }
        Assert.Equal(stream.Length, offset);
    }
}
