using System.Security.Cryptography;

namespace Camlab.Recording;

/// <summary>
/// Checks every signed range of a recording directory (or of one segment) against the payloads and index entries it
/// covers, and reports what does not hold by frame numbers and times. The public key is the directory's
/// <see cref="SigningKey.PublicKeyFileName"/> unless the caller pins one: someone who can rewrite the segments can
/// also replace a key kept beside them, so a verifier that matters pins the key it exported earlier.
/// </summary>
public static class RecordingVerifier
{
    /// <summary>Verifies a directory, or the segment a .dat/.idx/.sig file belongs to.</summary>
    public static VerificationReport Verify(string path, ECDsa? publicKey = null)
    {
        var report = new VerificationReport();
        bool isDirectory = Directory.Exists(path);
        string directory = isDirectory ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        List<(long First, string BasePath)> segments;
        if (isDirectory)
            segments = SegmentFileNames.List(directory);
        else if (SegmentFileNames.TryParse(path, out long first) && File.Exists(SegmentFileNames.BasePath(directory, first) + SegmentFileNames.IndexExtension))
            segments = [(first, SegmentFileNames.BasePath(directory, first))];
        else
            throw new FileNotFoundException($"{path} is neither a recording directory nor a segment file with its index", path);

        ECDsa? ownedKey = null;
        if (publicKey is null)
        {
            string keyPath = Path.Combine(directory, SigningKey.PublicKeyFileName);
            if (File.Exists(keyPath)) publicKey = ownedKey = SigningKey.LoadPublic(keyPath);
        }
        try
        {
            long expectedFirst = -1;
            foreach (var (first, basePath) in segments)
            {
                using var segment = Segment.Load(basePath, first);
                if (isDirectory && expectedFirst >= 0 && first > expectedFirst)
                    report.Findings.Add(new(FindingKind.Damaged, expectedFirst, first - 1, -1, -1,
                        "frames missing between segments (a segment was removed)"));
                VerifySegment(segment, publicKey, report);
                expectedFirst = Math.Max(expectedFirst, segment.LastFrame + 1);
            }
        }
        finally
        {
            ownedKey?.Dispose();
        }
        return report;
    }

    private static void VerifySegment(Segment segment, ECDsa? key, VerificationReport report)
    {
        report.SegmentsChecked++;
        report.FramesChecked += segment.Count;
        foreach (string problem in segment.LoadProblems)
            report.Findings.Add(new(FindingKind.Damaged, segment.Count > 0 ? segment.LastFrame + 1 : segment.FirstFrame, -1, -1, -1, problem));
        long dataLength = File.Exists(segment.DataPath) ? new FileInfo(segment.DataPath).Length : 0;
        if (dataLength != segment.ValidDataBytes)
            report.Findings.Add(new(FindingKind.Damaged, -1, -1, -1, -1,
                $"{segment.DataPath}: {dataLength} bytes but the index accounts for {segment.ValidDataBytes}"));

        long covered = segment.FirstFrame; // first frame not yet covered by a checked range
        foreach (var range in segment.Signatures)
        {
            report.RangesChecked++;
            if (range.FirstFrame > covered)
                AddUnsigned(segment, covered, range.FirstFrame - 1, report);
            covered = Math.Max(covered, range.LastFrame + 1);
            string? failure = CheckRange(segment, range, key);
            if (failure is not null)
                report.Findings.Add(new(FindingKind.Tampered, range.FirstFrame, range.LastFrame, range.FirstTimeUtcMs, range.LastTimeUtcMs, failure));
        }
        if (segment.Count > 0 && covered <= segment.LastFrame)
            AddUnsigned(segment, covered, segment.LastFrame, report);
    }

    private static void AddUnsigned(Segment segment, long first, long last, VerificationReport report)
    {
        long lastInIndex = Math.Min(last, segment.LastFrame);
        report.Findings.Add(new(FindingKind.Unsigned, first, last, segment[first].TimeUtcMs, segment[lastInIndex].TimeUtcMs,
            "no signature covers these frames"));
    }

    /// <summary>Null when the range verifies, else why not.</summary>
    private static string? CheckRange(Segment segment, SignatureRecord range, ECDsa? key)
    {
        if (key is null)
            return "no public key to check the signature with";
        if (range.LastFrame > segment.LastFrame)
            return $"the signature covers frames up to {range.LastFrame} but the index ends at {segment.LastFrame}";
        using var digest = new RangeDigest();
        byte[] buffer = [];
        try
        {
            for (long f = range.FirstFrame; f <= range.LastFrame; f++)
            {
                var entry = segment[f];
                if (buffer.Length < entry.Length) buffer = new byte[entry.Length];
                segment.ReadPayload(f, buffer);
                digest.Append(entry, buffer.AsSpan(0, entry.Length));
            }
        }
        catch (IOException e)
        {
            return "cannot read the frames: " + e.Message;
        }
        byte[] hash = digest.Finish(range.FirstFrame, range.Count, range.FirstTimeUtcMs, range.LastTimeUtcMs);
        return key.VerifyHash(hash, range.Signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? null
            : "the signature does not match the frames";
    }
}
