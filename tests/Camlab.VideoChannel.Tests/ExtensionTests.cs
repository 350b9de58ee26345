namespace Camlab.VideoChannel.Tests;

/// <summary>Each extension alone, hand-built on the wire: the reader sees every field, the writer writes the same bytes.</summary>
public class ExtensionTests
{
    private static byte[] Wire(ushort flags, Action<WireBytes> extension, int extensionLength, string payload = "P")
    {
        var w = new WireBytes().Main(Samples.VideoIdText, 1000, 1, (uint)payload.Length, (ushort)(36 + extensionLength), flags);
        extension(w);
        Assert.Equal(36 + extensionLength, w.Length);
        return w.Ascii(payload).ToArray();
    }

    private static void AssertWriterProduces(byte[] expected, FrameHeader header, Func<FrameHeader, Frame>? build = null)
    {
        var bytes = new byte[expected.Length];
        var frame = build is null ? new Frame(header, "P"u8) : build(header);
        Assert.Equal(expected.Length, FrameWriter.GetFrameLength(frame));
        FrameWriter.Write(bytes, frame);
        Assert.Equal(expected, bytes);
    }

    private static FrameHeader Main => new() { VideoId = Samples.VideoId, TimestampUtcMs = 1000, FrameCount = 1 };

    [Fact]
    public void Size_info_0x01()
    {
        var wire = Wire(0x01, w => w.I32(3840).I32(2160).I32(100).I32(200).I32(1380).I32(920).I32(640).I32(360).I32(1_234_567)
            .I32(0).I32(0).I32(0), 48);

        var h = FrameReader.ReadFrame(wire).Header;

        var s = Assert.NotNull(h.SizeInfo);
        Assert.Equal(3840, s.SrcStrideX);
        Assert.Equal(2160, s.SrcStrideY);
        Assert.Equal(100, s.SrcLeft);
        Assert.Equal(200, s.SrcTop);
        Assert.Equal(1380, s.SrcRight);
        Assert.Equal(920, s.SrcBottom);
        Assert.Equal(640, s.DestStrideX);
        Assert.Equal(360, s.DestStrideY);
        Assert.Equal(1_234_567, s.ResamplingTag);
        Assert.Equal(1.234567, s.DecimalResamplingFactor, 9);
        AssertWriterProduces(wire, Main with { SizeInfo = s });
    }

    [Fact]
    public void Size_info_reserved_fields_are_ignored_when_read()
    {
        var wire = Wire(0x01, w => w.I32(1).I32(2).I32(3).I32(4).I32(5).I32(6).I32(7).I32(8).I32(1).I32(-1).I32(-1).I32(-1), 48);
        Assert.Equal(new SizeInfo(1, 2, 3, 4, 5, 6, 7, 8, 1), FrameReader.ReadFrame(wire).Header.SizeInfo);
    }

    [Fact]
    public void Live_info_0x02()
    {
        var wire = Wire(0x02, w => w.U32(1 | 2 | 4 | 128).U32(2 | 16), 8);

        var live = Assert.NotNull(FrameReader.ReadFrame(wire).Header.LiveInfo);

        Assert.Equal(LiveFlags.LiveFeed | LiveFlags.Motion | LiveFlags.Recording | LiveFlags.ClientLiveStopped, live.CurrentFlags);
        Assert.Equal(LiveFlags.Motion | LiveFlags.CameraConnectionLost, live.ChangedFlags);
        AssertWriterProduces(wire, Main with { LiveInfo = live });
    }

    [Fact]
    public void Live_flags_have_the_spec_values()
    {
        Assert.Equal(new uint[] { 1, 2, 4, 8, 16, 32, 64, 128 }, new[]
        {
            LiveFlags.LiveFeed, LiveFlags.Motion, LiveFlags.Recording, LiveFlags.Notification, LiveFlags.CameraConnectionLost,
            LiveFlags.DatabaseFail, LiveFlags.DiskFull, LiveFlags.ClientLiveStopped,
        }.Select(f => (uint)f));
        Assert.Equal(new uint[] { 0x1, 0x2, 0x4, 0x10, 0x20, 0x40, 0x100, 0x200 }, new[]
        {
            PlaybackFlags.PlayStopped, PlaybackFlags.PlayForward, PlaybackFlags.PlayBackward, PlaybackFlags.DatabaseStart,
            PlaybackFlags.DatabaseEnd, PlaybackFlags.DatabaseError, PlaybackFlags.RangeNoData, PlaybackFlags.OutOfRange,
        }.Select(f => (uint)f));
    }

    [Fact]
    public void Playback_info_0x04()
    {
        var wire = Wire(0x04, w => w.U32(0x4 | 0x10 | 0x200).U32(0x100), 8);

        var playback = Assert.NotNull(FrameReader.ReadFrame(wire).Header.PlaybackInfo);

        Assert.Equal(PlaybackFlags.PlayBackward | PlaybackFlags.DatabaseStart | PlaybackFlags.OutOfRange, playback.CurrentFlags);
        Assert.Equal(PlaybackFlags.RangeNoData, playback.ChangedFlags);
        AssertWriterProduces(wire, Main with { PlaybackInfo = playback });
    }

    [Fact]
    public void Native_data_0x08_with_all_four_sub_headers()
    {
        // 8 prefix + 16 sync + 10 sequence + 8+5 mask + 8+3 signature = 58
        var wire = Wire(0x08, w => w.U32(58).U32(0x0F)
            .U64(1_700_000_000_000).U64(1_700_000_002_000)
            .U64(0xFEDCBA9876543210).U16(1)
            .U32(9).U32(5).Ascii("0;1;0")
            .U32(4).U32(3).Ascii("SIG"), 58);

        var frame = FrameReader.ReadFrame(wire);
        var n = Assert.NotNull(frame.Header.NativeData);

        Assert.Equal(NativeDataFlags.AllKnown, n.Flags);
        Assert.Equal(1_700_000_000_000UL, n.PreviousSyncTimeStamp);
        Assert.Equal(1_700_000_002_000UL, n.NextSyncTimeStamp);
        Assert.Equal(0xFEDCBA9876543210UL, n.SequenceId);
        Assert.Equal((ushort)1, n.HasMotion);
        Assert.Equal(9u, n.PrivacyMaskState);
        Assert.Equal(new ByteRange(36 + 8 + 16 + 10 + 8, 5), n.PrivacyMaskRange);
        Assert.Equal("0;1;0"u8.ToArray(), frame.PrivacyMask.ToArray());
        Assert.Equal(4u, n.SignatureState);
        Assert.Equal("SIG"u8.ToArray(), frame.Signature.ToArray());
        Assert.Equal("P"u8.ToArray(), frame.Payload.ToArray());
        AssertWriterProduces(wire, Main with { NativeData = n },
            h => new Frame(h, "P"u8) { PrivacyMask = "0;1;0"u8, Signature = "SIG"u8 });
    }

    [Fact]
    public void Native_data_sequence_sub_header_is_10_bytes_so_the_mask_is_unaligned()
    {
        var wire = Wire(0x08, w => w.U32(8 + 10 + 8 + 2).U32(0x02 | 0x04).U64(5).U16(0).U32(1).U32(2).Ascii("ab"), 28);

        var frame = FrameReader.ReadFrame(wire);

        Assert.Equal(5UL, frame.Header.NativeData!.Value.SequenceId);
        Assert.Equal(36 + 8 + 10 + 8, frame.Header.NativeData!.Value.PrivacyMaskRange.Offset);
        Assert.Equal("ab"u8.ToArray(), frame.PrivacyMask.ToArray());
    }

    [Fact]
    public void Native_data_skips_unknown_sub_headers_through_its_size()
    {
        // Sub-header 0x10 is unknown: 6 bytes the reader must step over via NativeDataHeaderSize.
        var wire = Wire(0x08 | 0x10, w => w.U32(8 + 10 + 6).U32(0x02 | 0x10).U64(77).U16(1).Zeros(6).U32(8).U32(5), 24 + 8);

        var h = FrameReader.ReadFrame(wire).Header;

        Assert.Equal(77UL, h.NativeData!.Value.SequenceId);
        Assert.Equal(new MotionInfo(5), h.MotionInfo);
    }

    [Fact]
    public void Motion_info_0x10()
    {
        var wire = Wire(0x10, w => w.U32(8).U32(123456), 8);

        var motion = Assert.NotNull(FrameReader.ReadFrame(wire).Header.MotionInfo);

        Assert.Equal(123456u, motion.MotionAmount);
        AssertWriterProduces(wire, Main with { MotionInfo = motion });
    }

    [Fact]
    public void Location_info_0x20()
    {
        var wire = Wire(0x20, w => w.U32(48).U32(0).U32(0x01 | 0x02).U32(0).U32(0x7F)
            .U32(2_700_000_000).U32(233_527_840).I32(-1250).U32(500).U32(1000).U32(150).U32(3_260_000_000), 48);

        var l = Assert.NotNull(FrameReader.ReadFrame(wire).Header.LocationInfo);

        Assert.Equal(0u, l.Version);
        Assert.Equal(LocationSource.Satellite | LocationSource.WiFi, l.Source);
        Assert.Equal((LocationFields)0x7F, l.ValidFields);
        Assert.Equal(2_700_000_000u, l.Longitude);
        Assert.Equal(233_527_840u, l.Latitude);
        Assert.Equal(-1250, l.Altitude);
        Assert.Equal(500u, l.HorizontalAccuracy);
        Assert.Equal(1000u, l.VerticalAccuracy);
        Assert.Equal(150u, l.Speed);
        Assert.Equal(3_260_000_000u, l.Azimuth);
        AssertWriterProduces(wire, Main with { LocationInfo = l });
    }

    [Fact]
    public void Stream_info_0x40_with_jpeg_on_the_wire_as_GEPJ()
    {
        var wire = Wire(0x40, w => w.U32(52).U32(3).U32(0).U32(0xFF).U32(40).Ascii("GEPJ").U32(1)
            .U32(100).U32(41).U32(7).U64(0x0102030405060708).U32(25), 52);

        var s = Assert.NotNull(FrameReader.ReadFrame(wire).Header.StreamInfo);

        Assert.Equal(3u, s.Version);
        Assert.Equal((StreamInfoFields)0xFF, s.Fields);
        Assert.Equal(40u, s.TimeBetweenFrames);
        Assert.Equal(StreamDataType.Jpeg, s.DataType);
        Assert.Equal("JPEG", StreamDataType.ToLetters(s.DataType));
        Assert.True(s.IsKeyFrame);
        Assert.Equal(100u, s.Profile);
        Assert.Equal(41u, s.Level);
        Assert.Equal(7u, s.Compatibility);
        Assert.Equal(0x0102030405060708UL, s.Constraints);
        Assert.Equal(25u, s.FramesCount);
        AssertWriterProduces(wire, Main with { StreamInfo = s });
    }

    [Fact]
    public void Carousel_info_0x80()
    {
        var wire = Wire(0x80, w => w.U32(24).U32(0).Guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), 24);

        var c = Assert.NotNull(FrameReader.ReadFrame(wire).Header.CarouselInfo);

        Assert.Equal(new CarouselInfo(0, Samples.CameraItem), c);
        AssertWriterProduces(wire, Main with { CarouselInfo = c });
    }

    [Fact]
    public void Dynamic_info_0x100_with_device_states()
    {
        var wire = Wire(0x100, w => w.U32(16 + 48).U32(0).U32(2).U32(0)
            .Guid("11223344-5566-7788-99aa-bbccddeeff00").U32(0x80000005).U32(0)
            .Guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0").U32(7).U32(0), 64);

        var frame = FrameReader.ReadFrame(wire);
        var d = Assert.NotNull(frame.Header.DynamicInfo);

        Assert.Equal(0u, d.Version);
        Assert.Equal(DynamicInfo.DeviceStateDataType, d.DataType);
        Assert.Equal(2u, d.DataCount);
        Assert.Equal(2, frame.DeviceStates.Count);
        Assert.Equal(new DeviceState(Samples.Speaker, 0x80000005), frame.DeviceStates[0]);
        Assert.Equal(new DeviceState(Samples.CameraItem, 7), frame.DeviceStates[1]);
        var seen = new List<DeviceState>();
        foreach (var state in frame.DeviceStates)
            seen.Add(state);
        Assert.Equal(Samples.DeviceStates, seen);
        AssertWriterProduces(wire, Main with { DynamicInfo = d },
            h => new Frame(h, "P"u8) { DeviceStates = new DeviceStateList(Samples.DeviceStates) });
    }

    [Fact]
    public void Dynamic_info_of_an_unknown_data_type_is_skipped_through_HeaderSize()
    {
        var wire = Wire(0x100 | 0x200, w => w.U32(16 + 10).U32(0).U32(1).U32(9).Zeros(10).U64(99).U32(0).U32(0), 26 + 16);

        var frame = FrameReader.ReadFrame(wire);

        Assert.Equal(9u, frame.Header.DynamicInfo!.Value.DataType);
        Assert.Equal(0, frame.DeviceStates.Count);
        Assert.Equal(new PlaybackRequest(99), frame.Header.PlaybackRequest);
    }

    [Fact]
    public void Playback_request_0x200()
    {
        var wire = Wire(0x200, w => w.U64(1_763_000_000_000).U32(0).U32(0), 16);

        var r = Assert.NotNull(FrameReader.ReadFrame(wire).Header.PlaybackRequest);

        Assert.Equal(1_763_000_000_000UL, r.RequestedTimeStampUtcMs);
        AssertWriterProduces(wire, Main with { PlaybackRequest = r });
    }

    [Fact]
    public void All_extensions_together_in_ascending_bit_order()
    {
        var w = new WireBytes();
        int headerLength = 36 + 48 + 8 + 8 + (8 + 16 + 10 + 8 + 2 + 8 + 1) + 8 + 48 + 52 + 24 + (16 + 24) + 16;
        w.Main(Samples.VideoIdText, 5, 6, 2, (ushort)headerLength, 0x3FF)
            .I32(1).I32(2).I32(3).I32(4).I32(5).I32(6).I32(7).I32(8).I32(2).Zeros(12)                   // 0x01
            .U32(1).U32(0)                                                                              // 0x02
            .U32(2).U32(2)                                                                              // 0x04
            .U32(53).U32(0xF).U64(10).U64(20).U64(30).U16(1).U32(1).U32(2).Ascii("m1").U32(3).U32(1).Ascii("s") // 0x08
            .U32(8).U32(50)                                                                             // 0x10
            .U32(48).U32(0).U32(1).U32(0).U32(3).U32(10).U32(20).I32(30).U32(40).U32(50).U32(60).U32(70) // 0x20
            .U32(52).U32(3).U32(0).U32(2).U32(0).Ascii("462H").U32(0).U32(0).U32(0).U32(0).U64(0).U32(0) // 0x40
            .U32(24).U32(0).Guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")                               // 0x80
            .U32(40).U32(0).U32(1).U32(0).Guid("11223344-5566-7788-99aa-bbccddeeff00").U32(5).U32(0)   // 0x100
            .U64(123).U32(0).U32(0)                                                                     // 0x200
            .Bytes(0xAB, 0xCD);
        var wire = w.ToArray();
        Assert.Equal(headerLength + 2, wire.Length);

        var frame = FrameReader.ReadFrame(wire);
        var h = frame.Header;

        Assert.Equal(HeaderExtensionFlags.AllKnown, h.PresentExtensions);
        Assert.Equal(new SizeInfo(1, 2, 3, 4, 5, 6, 7, 8, 2), h.SizeInfo);
        Assert.Equal(new LiveInfo(LiveFlags.LiveFeed, LiveFlags.None), h.LiveInfo);
        Assert.Equal(new PlaybackInfo(PlaybackFlags.PlayForward, PlaybackFlags.PlayForward), h.PlaybackInfo);
        Assert.Equal(30UL, h.NativeData!.Value.SequenceId);
        Assert.Equal("m1"u8.ToArray(), frame.PrivacyMask.ToArray());
        Assert.Equal("s"u8.ToArray(), frame.Signature.ToArray());
        Assert.Equal(new MotionInfo(50), h.MotionInfo);
        Assert.Equal(10u, h.LocationInfo!.Value.Longitude);
        Assert.Equal(StreamDataType.H264, h.StreamInfo!.Value.DataType);
        Assert.Equal(new CarouselInfo(0, Samples.CameraItem), h.CarouselInfo);
        Assert.Equal(new DeviceState(Samples.Speaker, 5), frame.DeviceStates[0]);
        Assert.Equal(new PlaybackRequest(123), h.PlaybackRequest);
        Assert.Equal(new byte[] { 0xAB, 0xCD }, frame.Payload.ToArray());

        var again = new byte[wire.Length];
        FrameWriter.Write(again, new Frame(h, frame.Payload)
        {
            PrivacyMask = frame.PrivacyMask, Signature = frame.Signature, DeviceStates = frame.DeviceStates,
        });
        Assert.Equal(wire, again);
    }
}
