using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Camlab.Recording;

/// <summary>
/// One segment held in memory: its index entries and signed ranges. Loading stops at the first entry that is not
/// whole (bad checksum, not contiguous with the previous payload, or pointing past the end of the data file), so
/// a torn tail is never served; <see cref="ValidIndexBytes"/> and <see cref="ValidDataBytes"/> say where the
/// trustworthy part ends, which is what crash repair truncates to.
/// </summary>
public sealed class Segment : IDisposable
{
    private readonly List<IndexEntry> _entries;
    private readonly List<SignatureRecord> _signatures;
    private SafeFileHandle? _reader;
    private long _dataEnd;

    private Segment(string basePath, long firstFrame, uint version, List<IndexEntry> entries, List<SignatureRecord> signatures)
    {
        BasePath = basePath;
        FirstFrame = firstFrame;
        Version = version;
        _entries = entries;
        _signatures = signatures;
    }

    public string BasePath { get; }
    public string DataPath => BasePath + SegmentFileNames.DataExtension;
    public string IndexPath => BasePath + SegmentFileNames.IndexExtension;
    public string SignaturePath => BasePath + SegmentFileNames.SignatureExtension;

    public long FirstFrame { get; }

    /// <summary>The index format version (<see cref="SegmentFileNames.IndexVersion"/> for segments this recorder writes).</summary>
    public uint Version { get; private set; }

    /// <summary>The size of one of this segment's index entries.</summary>
    public int EntrySize => IndexEntry.SizeOf(Version);
    public int Count => _entries.Count;
    public long LastFrame => FirstFrame + _entries.Count - 1;
    public long FirstTimeUtcMs => _entries.Count == 0 ? long.MaxValue : _entries[0].TimeUtcMs;
    public long LastTimeUtcMs => _entries.Count == 0 ? long.MinValue : _entries[^1].TimeUtcMs;
    public IReadOnlyList<IndexEntry> Entries => _entries;
    public IReadOnlyList<SignatureRecord> Signatures => _signatures;

    /// <summary>Bytes of the data file covered by whole index entries (the end of the last frame that stored its bytes).</summary>
    public long ValidDataBytes => _dataEnd;

    public long ValidIndexBytes => SegmentFileNames.IndexHeaderSize + (long)_entries.Count * EntrySize;

    /// <summary>The signature file up to the last range whose frames are all in the index.</summary>
    public long ValidSignatureBytes =>
        SegmentFileNames.SignatureHeaderSize + (long)_signatures.Count(s => s.LastFrame <= LastFrame) * SignatureRecord.Size;

    /// <summary>What the segment occupies on disk (for retention by size).</summary>
    public long DiskBytes { get; internal set; }

    /// <summary>Problems found while loading: a damaged header, entries dropped at the tail, foreign signature records.</summary>
    public List<string> LoadProblems { get; } = new();

    public static Segment CreateEmpty(string basePath, long firstFrame) => new(basePath, firstFrame, SegmentFileNames.IndexVersion, new(), new());

    /// <summary>Loads the index and signature files of a segment; never throws for damaged content, only for I/O.</summary>
    public static Segment Load(string basePath, long firstFrame)
    {
        var segment = new Segment(basePath, firstFrame, 1, new(), new());
        long dataLength = File.Exists(segment.DataPath) ? new FileInfo(segment.DataPath).Length : 0;
        byte[] index = File.ReadAllBytes(segment.IndexPath);
        if (index.Length < SegmentFileNames.IndexHeaderSize ||
            BinaryPrimitives.ReadUInt32LittleEndian(index) != SegmentFileNames.IndexMagic ||
            BinaryPrimitives.ReadInt64LittleEndian(index.AsSpan(8)) != firstFrame)
        {
            segment.LoadProblems.Add($"{segment.IndexPath}: index header missing or damaged");
        }
        else if (BinaryPrimitives.ReadUInt32LittleEndian(index.AsSpan(4)) is not (1 or 2 or SegmentFileNames.IndexVersion) and var unknown)
        {
            segment.LoadProblems.Add($"{segment.IndexPath}: index format version {unknown} is not one this Camlab reads");
        }
        else
        {
            segment.Version = BinaryPrimitives.ReadUInt32LittleEndian(index.AsSpan(4));
            int size = segment.EntrySize;
            // A frame that stored its bytes starts where the previous one ended; a shared one points at exactly the record
            // (mask text and payload) of an earlier frame of this segment that stored its bytes.
            var stored = new Dictionary<long, (long Offset, int Length)>();
            long expectedOffset = 0;
            int p = SegmentFileNames.IndexHeaderSize;
            for (; p + size <= index.Length; p += size)
            {
                if (!IndexEntry.TryRead(index.AsSpan(p, size), segment.Version, out var entry) ||
                    (segment._entries.Count > 0 && entry.TimeUtcMs <= segment._entries[^1].TimeUtcMs))
                    break;
                if (entry.SharesPayload)
                {
                    if (segment.Version < 3 || !stored.TryGetValue(entry.RecordOffset, out var original) ||
                        original != (entry.Offset, entry.Length))
                        break;
                }
                else
                {
                    if (entry.RecordOffset != expectedOffset || entry.Offset + entry.Length > dataLength) break;
                    stored[entry.RecordOffset] = (entry.Offset, entry.Length);
                    expectedOffset = entry.Offset + entry.Length;
                }
                segment.Add(entry);
            }
            if (p < index.Length)
                segment.LoadProblems.Add($"{segment.IndexPath}: {index.Length - p} bytes after frame {segment.LastFrame} are not whole index entries");
        }
        if (File.Exists(segment.SignaturePath))
            segment.LoadSignatures(File.ReadAllBytes(segment.SignaturePath));
        segment.DiskBytes = dataLength + index.Length + (File.Exists(segment.SignaturePath) ? new FileInfo(segment.SignaturePath).Length : 0);
        return segment;
    }

    private void LoadSignatures(byte[] bytes)
    {
        if (bytes.Length < SegmentFileNames.SignatureHeaderSize ||
            BinaryPrimitives.ReadUInt32LittleEndian(bytes) != SegmentFileNames.SignatureMagic)
        {
            LoadProblems.Add($"{SignaturePath}: signature header missing or damaged");
            return;
        }
        long next = FirstFrame;
        int p = SegmentFileNames.SignatureHeaderSize;
        for (; p + SignatureRecord.Size <= bytes.Length; p += SignatureRecord.Size)
        {
            var record = SignatureRecord.Read(bytes.AsSpan(p, SignatureRecord.Size));
            // Ranges follow each other inside the segment; anything else is not ours to trust. A range reaching past
            // the index is kept: the verifier reports the frames it misses.
            if (record.FirstFrame != next || record.Count <= 0)
                break;
            _signatures.Add(record);
            next = record.LastFrame + 1;
        }
        if (p < bytes.Length)
            LoadProblems.Add($"{SignaturePath}: {bytes.Length - p} bytes after the last whole signed range are not valid records");
    }

    public IndexEntry this[long frameNumber] => _entries[(int)(frameNumber - FirstFrame)];

    /// <summary>The frame number of the last frame at or before the time, or -1 when all are after it.</summary>
    public long FindAtOrBefore(long timeUtcMs)
    {
        int lo = 0, hi = _entries.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_entries[mid].TimeUtcMs <= timeUtcMs) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? -1 : FirstFrame + found;
    }

    /// <summary>The signed range covering a frame, if any.</summary>
    public SignatureRecord? FindSignature(long frameNumber)
    {
        int lo = 0, hi = _signatures.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var s = _signatures[mid];
            if (s.Covers(frameNumber)) return s;
            if (frameNumber < s.FirstFrame) hi = mid - 1;
            else lo = mid + 1;
        }
        return null;
    }

    /// <summary>Reads a payload into <paramref name="destination"/>; an <see cref="IOException"/> when the data file cannot give it.</summary>
    public int ReadPayload(long frameNumber, Span<byte> destination)
    {
        var entry = this[frameNumber];
        if (destination.Length < entry.Length)
            throw new ArgumentException($"the buffer holds {destination.Length} bytes, the frame has {entry.Length}", nameof(destination));
        _reader ??= File.OpenHandle(DataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int total = 0;
        while (total < entry.Length)
        {
            int read = RandomAccess.Read(_reader, destination.Slice(total, entry.Length - total), entry.Offset + total);
            if (read == 0)
                throw new IOException($"{DataPath}: frame {frameNumber} needs bytes {entry.Offset}..{entry.Offset + entry.Length} but the file ends at {entry.Offset + total}");
            total += read;
        }
        return total;
    }

    /// <summary>The privacy mask text recorded with a frame: empty when none was in force or the segment is version 1.</summary>
    public string ReadPrivacyMask(long frameNumber)
    {
        var entry = this[frameNumber];
        int length = entry.Facts?.PrivacyMaskLength ?? 0;
        if (length == 0) return "";
        _reader ??= File.OpenHandle(DataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[length];
        int total = 0;
        while (total < length)
        {
            int read = RandomAccess.Read(_reader, bytes.AsSpan(total), entry.RecordOffset + total);
            if (read == 0) throw new IOException($"{DataPath}: the privacy mask of frame {frameNumber} is cut short");
            total += read;
        }
        return System.Text.Encoding.ASCII.GetString(bytes);
    }

    internal void Add(in IndexEntry entry)
    {
        _entries.Add(entry);
        if (!entry.SharesPayload) _dataEnd = entry.Offset + entry.Length;
    }

    internal void AddSignature(SignatureRecord record) => _signatures.Add(record);

    internal void DropSignaturesPastIndex() => _signatures.RemoveAll(s => s.LastFrame > LastFrame);

    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }
}
