using System.Buffers.Binary;
using Camlab.VideoChannel;

namespace Camlab.Recording.Tests;

/// <summary>
/// Index format version 2: each frame keeps its capture time and the facts its live headers carried, with its
/// privacy mask text stored before the payload; a torn tail is still cut to whole frames, and version 1 segments
/// written before still load (without facts).
/// </summary>
public sealed class FrameFactsTests
{
    private static readonly SizeInfo Size = new(1920, 1080, 480, 270, 1440, 810, 960, 540, 1_000_000);

    private static FrameFacts Facts(int i) =>
        new(StreamDataType.H264, Size, 10 + i, -5, 42.5, (100 + i) % 360, i % 2 == 0 ? new GeoPoint(55.6761, 12.5683, 14.5) : null);

    private static string Mask(int i) => i % 3 == 0 ? "" : $"-5,-10 5,-10 {i},0";

    [Fact]
    public void Frames_keep_their_capture_time_facts_and_mask_across_a_reopen()
    {
        using var f = new RecordingFixture();
        var captured = RecordingFixture.Start.AddSeconds(-3); // frames reach the recorder later than they were rendered
        using (var recorder = f.Open())
        {
            for (int i = 0; i < 6; i++)
            {
                recorder.Append(RecordingFixture.Payload(i), isKeyFrame: i % 3 == 0, motionAmount: (uint)i, captured.AddMilliseconds(200 * i), Facts(i), Mask(i));
                f.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        using var index = RecordingIndex.Load(f.Directory);
        Assert.Equal(5, index.LastFrame);
        for (int i = 0; i < 6; i++)
        {
            Assert.True(index.TryGet(i, out var entry));
            Assert.Equal(captured.AddMilliseconds(200 * i).ToUnixTimeMilliseconds(), entry.TimeUtcMs);
            Assert.Equal(i % 3 == 0, entry.IsKeyFrame);
            Assert.Equal(Facts(i) with { PrivacyMaskLength = Mask(i).Length }, entry.Facts);
            Assert.Equal(Mask(i), index.ReadPrivacyMask(i));
            Assert.Equal(RecordingFixture.Payload(i), index.ReadPayload(i));
        }
    }

    [Fact]
    public void A_frame_torn_inside_its_mask_or_payload_is_cut_and_the_rest_kept()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open())
            for (int i = 0; i < 4; i++)
            {
                recorder.Append(RecordingFixture.Payload(i), true, 0, f.Clock.GetUtcNow(), Facts(i), Mask(i));
                f.Clock.Advance(TimeSpan.FromMilliseconds(200));
            }
        var segment = SegmentFileNames.BasePath(f.Directory, 0);
        long whole = new FileInfo(segment + ".dat").Length;
        // A fifth frame in flight: its mask and half its payload written, its index entry partly.
        File.AppendAllBytes(segment + ".dat", "1,2 3,4 5,6"u8.ToArray().Concat(new byte[20]).ToArray());
        File.AppendAllBytes(segment + ".idx", new byte[IndexEntry.SizeV2 - 1]);
        using (var recorder = f.Open())
        {
            Assert.Equal(4, recorder.NextFrameNumber);
            Assert.Equal(31, recorder.LastRepair!.Value.DataBytesCut);
            recorder.Append(RecordingFixture.Payload(4), true, 0, f.Clock.GetUtcNow(), Facts(4), Mask(4));
        }
        Assert.Equal(whole, new FileInfo(segment + ".dat").Length); // cut to the whole frames; frame 4 starts a new segment
        using var index = RecordingIndex.Load(f.Directory);
        Assert.Equal(4, index.LastFrame);
        Assert.Equal(Mask(4), index.ReadPrivacyMask(4));
        Assert.Equal(RecordingFixture.Payload(4), index.ReadPayload(4));
        Assert.Equal(Mask(2), index.ReadPrivacyMask(2));
    }

    [Fact]
    public void A_version_1_segment_still_loads_and_plays_without_facts()
    {
        using var f = new RecordingFixture();
        var segment = SegmentFileNames.BasePath(f.Directory, 0);
        var header = new byte[SegmentFileNames.IndexHeaderSize];
        SegmentFileNames.WriteIndexHeader(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 1);
        var data = new List<byte>();
        var idx = new List<byte>(header);
        for (int i = 0; i < 3; i++)
        {
            var payload = RecordingFixture.Payload(i);
            var entry = new IndexEntry(RecordingFixture.Start.AddSeconds(i).ToUnixTimeMilliseconds(), data.Count, payload.Length, 0, RecordFlags.KeyFrame, 0);
            var bytes = new byte[IndexEntry.Size];
            entry.Write(bytes);
            data.AddRange(payload);
            idx.AddRange(bytes);
        }
        File.WriteAllBytes(segment + ".dat", data.ToArray());
        File.WriteAllBytes(segment + ".idx", idx.ToArray());

        using (var recorder = f.Open())
        {
            Assert.False(recorder.LastRepair!.Value.Changed);
            f.Clock.Advance(TimeSpan.FromSeconds(10));
            recorder.Append(RecordingFixture.Payload(3), true, 0, f.Clock.GetUtcNow(), Facts(3), Mask(3));
        }
        using var index = RecordingIndex.Load(f.Directory);
        Assert.Equal(3, index.LastFrame);
        Assert.True(index.TryGet(1, out var old));
        Assert.Null(old.Facts);
        Assert.Equal("", index.ReadPrivacyMask(1));
        Assert.Equal(RecordingFixture.Payload(1), index.ReadPayload(1));
        Assert.True(index.TryGet(3, out var added));
        Assert.Equal(StreamDataType.H264, added.Facts!.Value.DataType);
        Assert.Equal(RecordingFixture.Payload(3), index.ReadPayload(3));
    }
}
