namespace Camlab.Recording;

/// <summary>
/// What a recorder does on open to the segment that was being written when the process died: keep every frame whose
/// index entry is whole and whose payload is complete, truncate the three files to exactly that, and drop a segment
/// left without a whole frame. Only the last segment is repaired: the others were closed, and cutting them would
/// erase the evidence the verifier must report.
/// </summary>
public static class TailRepair
{
    /// <summary>Truncates the files of <paramref name="segment"/> to their valid part; returns what was cut, in bytes per file.</summary>
    public static RepairResult Repair(Segment segment)
    {
        long data = Truncate(segment.DataPath, segment.ValidDataBytes);
        long index = Truncate(segment.IndexPath, segment.Count == 0 && new FileInfo(segment.IndexPath).Length < SegmentFileNames.IndexHeaderSize
            ? 0 : segment.ValidIndexBytes);
        long signatures = File.Exists(segment.SignaturePath) && new FileInfo(segment.SignaturePath).Length >= SegmentFileNames.SignatureHeaderSize
            ? Truncate(segment.SignaturePath, segment.ValidSignatureBytes)
            : 0;
        segment.DropSignaturesPastIndex();
        segment.DiskBytes = segment.ValidDataBytes + segment.ValidIndexBytes +
                            (File.Exists(segment.SignaturePath) ? new FileInfo(segment.SignaturePath).Length : 0);
        return new RepairResult(segment.BasePath, data, index, signatures);
    }

    public static void Delete(Segment segment)
    {
        segment.Dispose();
        File.Delete(segment.DataPath);
        File.Delete(segment.SignaturePath);
        File.Delete(segment.IndexPath); // last: the index is what makes a segment exist
    }

    private static long Truncate(string path, long length)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        long cut = stream.Length - length;
        if (cut > 0)
        {
            stream.SetLength(length);
            stream.Flush(flushToDisk: true);
        }
        return Math.Max(cut, 0);
    }
}

/// <summary>Bytes cut from each file of the repaired segment (all zero after a clean shutdown).</summary>
public readonly record struct RepairResult(string BasePath, long DataBytesCut, long IndexBytesCut, long SignatureBytesCut)
{
    public bool Changed => DataBytesCut > 0 || IndexBytesCut > 0 || SignatureBytesCut > 0;
}
