using System.Security.Cryptography;
using System.Text;
using Camlab.Recording;
using Camlab.Recording.Playback;
using Camlab.VideoChannel;

namespace Camlab.Recording.Tests;

public class SigningTests
{
    private static readonly RecorderOptions Signed = new() { Signing = true, SignEveryFrames = 5, SegmentDuration = TimeSpan.FromSeconds(1) };

    /// <summary>30 frames 40 ms apart: segments of 25 and 5 frames, ranges of 5.</summary>
    private static RecordingFixture Record(out string publicKeyPem)
    {
        var f = new RecordingFixture();
        using var recorder = f.Open(Signed);
        f.Record(recorder, 30);
        publicKeyPem = recorder.PublicKeyPem!;
        return f;
    }

    [Fact]
    public void An_untouched_recording_verifies_with_every_range_checked()
    {
        using var f = Record(out var pem);
        var report = RecordingVerifier.Verify(f.Directory);
        Assert.True(report.IsValid, string.Join("\n", report.Findings));
        Assert.Equal(6, report.RangesChecked);
        Assert.Equal(30, report.FramesChecked);
        Assert.Equal(pem, File.ReadAllText(Path.Combine(f.Directory, SigningKey.PublicKeyFileName)));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(f.Directory, SigningKey.PrivateKeyFileName)));
    }

    [Fact]
    public void A_changed_payload_byte_fails_exactly_its_range_with_frames_and_times()
    {
        using var f = Record(out _);
        var data = SegmentFileNames.BasePath(f.Directory, 0) + ".dat";
        using var index = RecordingIndex.Load(f.Directory);
        index.TryGet(12, out var frame12);
        index.TryGet(10, out var frame10);
        index.TryGet(14, out var frame14);
        index.Dispose();
        var bytes = File.ReadAllBytes(data);
        bytes[frame12.Offset + 3] ^= 0x01;
        File.WriteAllBytes(data, bytes);

        var report = RecordingVerifier.Verify(f.Directory);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(new VerificationFinding(FindingKind.Tampered, 10, 14, frame10.TimeUtcMs, frame14.TimeUtcMs,
            "the signature does not match the frames"), finding);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void A_changed_index_entry_or_a_deleted_tail_is_caught()
    {
        using var f = Record(out _);
        var idx = SegmentFileNames.BasePath(f.Directory, 0) + ".idx";
        var bytes = File.ReadAllBytes(idx);
        // Rewrite frame 3's motion amount with a correct checksum, as a careful forger would.
        var at = SegmentFileNames.IndexHeaderSize + 3 * IndexEntry.SizeV2;
        IndexEntry.TryRead(bytes.AsSpan(at), SegmentFileNames.IndexVersion, out var entry);
        (entry with { MotionAmount = 99 }).Write(bytes.AsSpan(at), SegmentFileNames.IndexVersion);
        File.WriteAllBytes(idx, bytes[..^(2 * IndexEntry.SizeV2)]); // and drop frames 23 and 24

        var report = RecordingVerifier.Verify(f.Directory);
        Assert.Equal(
            [(FindingKind.Damaged, -1L, -1L), (FindingKind.Tampered, 0L, 4L), (FindingKind.Tampered, 20L, 24L), (FindingKind.Damaged, 23L, 24L)],
            report.Findings.Select(x => (x.Kind, x.FirstFrame, x.LastFrame)));
        Assert.Contains("the index accounts for", report.Findings[0].Detail); // payload bytes of 23 and 24 left behind
        Assert.Contains("index ends at 22", report.Findings[2].Detail);
        Assert.Contains("frames missing between segments", report.Findings[3].Detail);
    }

    [Fact]
    public void A_single_segment_file_is_verified_alone_and_a_foreign_key_fails_everything()
    {
        using var f = Record(out _);
        var report = RecordingVerifier.Verify(SegmentFileNames.BasePath(f.Directory, 25) + ".dat");
        Assert.True(report.IsValid);
        Assert.Equal(1, report.SegmentsChecked);
        Assert.Equal(5, report.FramesChecked);

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = RecordingVerifier.Verify(f.Directory, other);
        Assert.Equal(6, forged.Findings.Count(x => x.Kind == FindingKind.Tampered));
    }

    [Fact]
    public void Frames_without_a_signature_are_reported_unsigned()
    {
        using var f = new RecordingFixture();
        using (var recorder = f.Open())
            f.Record(recorder, 3);
        var report = RecordingVerifier.Verify(f.Directory);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((FindingKind.Unsigned, 0L, 2L), (finding.Kind, finding.FirstFrame, finding.LastFrame));
    }

    [Fact]
    public void Playback_sends_the_signature_on_the_first_frame_and_whenever_the_range_changes()
    {
        using var f = new RecordingFixture();
        using var recorder = f.Open(Signed with { SegmentDuration = TimeSpan.FromMinutes(10) });
        f.Record(recorder, 12); // ranges 0-4, 5-9 signed; 10-11 still open
        var engine = new PlaybackEngine(recorder.Index, f.Clock, new PlaybackOptions { Signing = true }, RecordingFixture.Start.AddMilliseconds(80), 1.0);
        var frames = new List<PlaybackFrame>();
        while (engine.Next() is { } frame) frames.Add(frame);
        Assert.Equal(Enumerable.Range(2, 10).Select(i => (long)i), frames.Select(p => p.FrameNumber));
        var withSignature = frames.Where(p => (p.Header.NativeData!.Value.Flags & NativeDataFlags.Signature) != 0).Select(p => p.FrameNumber);
        Assert.Equal([2L, 5, 10], withSignature);

        var first = frames[0];
        Assert.Equal(SignatureStates.Signed, first.Header.NativeData!.Value.SignatureState);
        var text = Encoding.ASCII.GetString(first.Signature);
        Assert.StartsWith("0-4:", text);
        var range = recorder.Index.FindSignature(2)!.Value;
        Assert.Equal(range.Signature, Convert.FromBase64String(text[4..]));
        // The signature string travels through the codec.
        var read = FrameReader.ReadFrame(first.ToArray(), out _);
        Assert.Equal(text, Encoding.ASCII.GetString(read.Signature));

        var open = frames.Single(p => p.FrameNumber == 10);
        Assert.Equal(SignatureStates.Unsigned, open.Header.NativeData!.Value.SignatureState);
        Assert.Empty(open.Signature);

        var unsignedStream = new PlaybackEngine(recorder.Index, f.Clock, new PlaybackOptions(), RecordingFixture.Start, 1.0);
        Assert.Equal(NativeDataFlags.PlaybackSync | NativeDataFlags.Sequence, unsignedStream.Next()!.Header.NativeData!.Value.Flags);
    }

    [Fact]
    public void The_key_is_kept_across_reopens()
    {
        using var f = new RecordingFixture();
        string first, second;
        using (var r = f.Open(Signed)) first = r.PublicKeyPem!;
        using (var r = f.Open(Signed)) second = r.PublicKeyPem!;
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(f.Directory, SigningKey.PrivateKeyFileName)));
    }
}
