using System.Security.Cryptography;

namespace Camlab.Recording;

/// <summary>
/// Records one stream into a directory of append-only segments. Per frame: the payload goes to the data file, then
/// the index entry to the index file (each a single unbuffered write), then the frame joins the shared
/// <see cref="Index"/> and the open signed range. A kill -9 therefore leaves at most the frame in flight without an
/// index entry, and <see cref="Open"/> cuts it away. Time comes from the <see cref="TimeProvider"/>: frame times are
/// strictly increasing milliseconds (a clock that stands still or steps back yields last + 1 ms).
/// A frame whose payload and privacy mask text are byte for byte an earlier frame's of the open segment (a still camera
/// sends the same few pictures again, docs/streaming.md) stores only its index entry, which points at the earlier bytes
/// (<see cref="RecordFlags.SharedPayload"/>, index version 3): identical payloads are kept once per segment, found by
/// their SHA-256, while every frame keeps its own time, flags, motion and facts.
/// Not thread-safe for concurrent appends (one writer per stream); readers use <see cref="Index"/> freely.
/// </summary>
public sealed class Recorder : IDisposable
{
    private readonly RecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly ECDsa? _key;
    private readonly RangeDigest _digest = new();
    private readonly byte[] _entryBuffer = new byte[IndexEntry.SizeV2];
    private long _nextFrame;
    private long _lastTimeUtcMs = long.MinValue;
    private bool _sessionHasFrames;
    private ulong _sequenceId;
    private Segment? _current;
    private FileStream? _data, _indexFile, _signatureFile;
    private long _rangeFirstFrame, _rangeFirstTime;
    private bool _disposed;
    private bool _gapPending;
    private long _framesShared;
    /// <summary>The open segment's stored records by content: payload SHA-256 and mask text → the entry that stored them.</summary>
    private readonly Dictionary<ContentAddress, IndexEntry> _stored = new();

    /// <summary>Records a segment remembers for sharing; past this the table starts again (a camera that never repeats a picture).</summary>
    public const int MaxSharedRecords = 4096;

    private readonly record struct ContentAddress(UInt128 Low, UInt128 High, int Length, string PrivacyMask);

    private Recorder(string directory, RecorderOptions options, TimeProvider time, ECDsa? key, RecordingIndex index, long nextFrame, RepairResult? repair)
    {
        Directory = directory;
        _options = options;
        _time = time;
        _key = key;
        Index = index;
        _nextFrame = nextFrame;
        LastRepair = repair;
        if (index.LastFrame >= 0 && index.TryGet(index.LastFrame, out var last))
            _lastTimeUtcMs = last.TimeUtcMs;
    }

    public string Directory { get; }

    /// <summary>The live index: playback and export read it while the recorder appends.</summary>
    public RecordingIndex Index { get; }

    /// <summary>The number the next appended frame gets.</summary>
    public long NextFrameNumber => _nextFrame;

    /// <summary>Bytes appended to the data and index files (masks, payloads, index entries) since the recorder opened.</summary>
    public long BytesWritten => _bytesWritten;
    private long _bytesWritten;

    /// <summary>What opening cut from the tail of the last segment (null when there was no segment).</summary>
    public RepairResult? LastRepair { get; }

    /// <summary>Frames appended since open whose payload was an earlier frame's (stored once, referenced by their entry).</summary>
    public long FramesShared => _framesShared;

    /// <summary>
    /// Frames were lost before the next one (the writer or the renderer fell behind): the next frame starts a new sequence,
    /// so the recording's ranges show the gap and playback reports RangeNoData across it.
    /// </summary>
    public void MarkGap() => _gapPending = true;

    /// <summary>The public key (SubjectPublicKeyInfo PEM) when signing, else null.</summary>
    public string? PublicKeyPem => _key?.ExportSubjectPublicKeyInfoPem();

    /// <summary>Opens (creating it if needed) a recording directory: repairs the tail, signs what a crash left unsigned.</summary>
    public static Recorder Open(string directory, RecorderOptions options, TimeProvider time)
    {
        options.Validate();
        System.IO.Directory.CreateDirectory(directory);
        ECDsa? key = options.Signing ? SigningKey.LoadOrCreate(directory) : null;
        var listed = SegmentFileNames.List(directory);
        var segments = new List<Segment>();
        RepairResult? repair = null;
        long nextFrame = 0;
        for (int i = 0; i < listed.Count; i++)
        {
            var (first, basePath) = listed[i];
            nextFrame = Math.Max(nextFrame, first);
            var segment = Segment.Load(basePath, first);
            if (i == listed.Count - 1)
            {
                repair = TailRepair.Repair(segment);
                if (key is not null) SignUnsignedTail(segment, key);
            }
            if (segment.Count == 0)
            {
                // The tail segment without a whole frame is a crash leftover; an earlier one is damage for verify to report.
                if (i == listed.Count - 1) TailRepair.Delete(segment);
                else segment.Dispose();
                continue;
            }
            segments.Add(segment);
            nextFrame = Math.Max(nextFrame, segment.LastFrame + 1);
        }
        var recorder = new Recorder(directory, options, time, key, new RecordingIndex(directory, segments), nextFrame, repair);
        recorder.ApplyRetention();
        return recorder;
    }

    /// <summary>Appends one frame at the clock's current time, without facts; returns once it is in the data and index files.</summary>
    public RecordedFrame Append(ReadOnlySpan<byte> payload, bool isKeyFrame, uint motionAmount) =>
        AppendCore(payload, isKeyFrame, motionAmount, _time.GetUtcNow(), null, "");

    /// <summary>
    /// Appends one frame stamped with its capture time (not the time it reaches the recorder) and the facts its live
    /// headers carried, with the privacy mask text (ASCII) in force; returns once it is in the data and index files.
    /// </summary>
    public RecordedFrame Append(ReadOnlySpan<byte> payload, bool isKeyFrame, uint motionAmount, DateTimeOffset captureTime, FrameFacts facts,
        string privacyMask) => AppendCore(payload, isKeyFrame, motionAmount, captureTime, facts, privacyMask);

    private RecordedFrame AppendCore(ReadOnlySpan<byte> payload, bool isKeyFrame, uint motionAmount, DateTimeOffset captureTime, FrameFacts? facts,
        string privacyMask)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(privacyMask);
        // Without facts there is nowhere to say a mask is stored: none is.
        byte[] mask = facts is null ? [] : System.Text.Encoding.ASCII.GetBytes(privacyMask);
        long time = Math.Max(captureTime.ToUnixTimeMilliseconds(), _lastTimeUtcMs == long.MinValue ? long.MinValue : _lastTimeUtcMs + 1);
        long frameNumber = _nextFrame;
        if (!_sessionHasFrames || _gapPending || time - _lastTimeUtcMs > (long)_options.MaxFrameGap.TotalMilliseconds)
            _sequenceId = (ulong)frameNumber; // a sequence is named after its first frame
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(payload, hash);
        var address = new ContentAddress(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]), payload.Length, privacyMask);
        bool repeated = _current is not null && _stored.ContainsKey(address);
        if (_current is null || NeedsRoll(time, repeated ? 0 : mask.Length + payload.Length))
            Roll(frameNumber);
        var segment = _current!;

        var flags = isKeyFrame ? RecordFlags.KeyFrame : RecordFlags.None;
        var ownFacts = facts is { } f ? f with { PrivacyMaskLength = mask.Length } : (FrameFacts?)null;
        IndexEntry entry;
        if (_stored.TryGetValue(address, out var original))
        {
            // The bytes are in the data file already (whole: their entry was written after them): only the entry is new.
            entry = new IndexEntry(time, original.Offset, payload.Length, motionAmount, flags | RecordFlags.SharedPayload, _sequenceId) { Facts = ownFacts };
        }
        else
        {
            long start = segment.ValidDataBytes;
            entry = new IndexEntry(time, start + mask.Length, payload.Length, motionAmount, flags, _sequenceId) { Facts = ownFacts };
            // Positions come from the index, not from the streams: after a failed write (disk full) the next frame
            // overwrites the orphan bytes instead of being indexed at the wrong offset. The entry is written after both.
            _data!.Position = start;
            if (mask.Length > 0) _data.Write(mask);
            _data.Write(payload);
            if (_options.FlushToDisk) _data.Flush(flushToDisk: true);
        }
        entry.Write(_entryBuffer, segment.Version);
        _indexFile!.Position = segment.ValidIndexBytes;
        _indexFile.Write(_entryBuffer, 0, segment.EntrySize);
        if (_options.FlushToDisk) _indexFile.Flush(flushToDisk: true);

        lock (Index.Gate)
        {
            segment.Add(entry);
            segment.DiskBytes += (entry.SharesPayload ? 0 : mask.Length + payload.Length) + segment.EntrySize;
        }
        _bytesWritten += (entry.SharesPayload ? 0 : mask.Length + payload.Length) + segment.EntrySize;
        if (entry.SharesPayload) _framesShared++;
        else if (_stored.Count < MaxSharedRecords) _stored[address] = entry;
        else _stored.Clear();
        _nextFrame++;
        _lastTimeUtcMs = time;
        _sessionHasFrames = true;
        _gapPending = false;

        if (_key is not null)
        {
            if (_digest.Count == 0) { _rangeFirstFrame = frameNumber; _rangeFirstTime = time; }
            _digest.AppendHashed(entry, hash);
            if (_digest.Count >= _options.SignEveryFrames || time - _rangeFirstTime >= (long)_options.SignEvery.TotalMilliseconds)
                CloseSignedRange();
        }
        ApplyRetention();
        Index.OnFrameAppended(frameNumber);
        return new RecordedFrame(frameNumber, entry);
    }

    /// <summary>Deletes whole segments past the age or size limit, oldest first; never the segment being written.</summary>
    public int ApplyRetention()
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        int deleted = 0;
        while (true)
        {
            Segment? oldest;
            lock (Index.Gate)
            {
                var segments = Index.MutableSegments;
                if (segments.Count == 0 || ReferenceEquals(segments[0], _current))
                    return deleted;
                oldest = segments[0];
                bool tooOld = _options.MaxAge is { } age && oldest.LastTimeUtcMs < now - (long)age.TotalMilliseconds;
                bool tooBig = _options.MaxBytes is { } max && segments.Sum(s => s.DiskBytes) > max;
                if (!tooOld && !tooBig)
                    return deleted;
                segments.RemoveAt(0);
            }
            TailRepair.Delete(oldest);
            deleted++;
        }
    }

    private bool NeedsRoll(long time, int payloadLength) =>
        _current!.Count > 0 &&
        (time - _current.FirstTimeUtcMs >= (long)_options.SegmentDuration.TotalMilliseconds ||
         _current.ValidDataBytes + payloadLength > _options.SegmentMaxBytes);

    private void Roll(long firstFrame)
    {
        CloseCurrent();
        _stored.Clear(); // entries point into their own segment's data file only
        string basePath = SegmentFileNames.BasePath(Directory, firstFrame);
        var segment = Segment.CreateEmpty(basePath, firstFrame);
        // A data or signature file without an index is what a kill between these creations leaves: no frame of it
        // was ever acknowledged, so it is started afresh.
        _data = OpenForAppend(segment.DataPath, FileMode.Create);
        if (_key is not null)
        {
            _signatureFile = OpenForAppend(segment.SignaturePath, FileMode.Create);
            Span<byte> sigHeader = stackalloc byte[SegmentFileNames.SignatureHeaderSize];
            SegmentFileNames.WriteSignatureHeader(sigHeader);
            _signatureFile.Write(sigHeader);
        }
        // The index file is created last: a segment exists when its index does.
        _indexFile = OpenForAppend(segment.IndexPath, FileMode.CreateNew);
        Span<byte> header = stackalloc byte[SegmentFileNames.IndexHeaderSize];
        SegmentFileNames.WriteIndexHeader(header, firstFrame);
        _indexFile.Write(header);
        _indexFile.Flush(flushToDisk: true);
        segment.DiskBytes = SegmentFileNames.IndexHeaderSize + (_key is null ? 0 : SegmentFileNames.SignatureHeaderSize);
        lock (Index.Gate) Index.MutableSegments.Add(segment);
        _current = segment;
    }

    private static FileStream OpenForAppend(string path, FileMode mode) =>
        // bufferSize 0: every Write is one write(2), so what Append returned is in the kernel even if we are killed.
        new(path, mode, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);

    private void CloseSignedRange()
    {
        if (_key is null || _digest.Count == 0 || _current is null) return;
        int count = _digest.Count;
        long lastTime;
        lock (Index.Gate) lastTime = _current[_rangeFirstFrame + count - 1].TimeUtcMs;
        byte[] digest = _digest.Finish(_rangeFirstFrame, count, _rangeFirstTime, lastTime);
        var record = new SignatureRecord(_rangeFirstFrame, count, _rangeFirstTime, lastTime,
            _key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        var bytes = new byte[SignatureRecord.Size];
        record.Write(bytes);
        _signatureFile!.Position = _current.ValidSignatureBytes;
        _signatureFile.Write(bytes);
        if (_options.FlushToDisk) _signatureFile.Flush(flushToDisk: true);
        lock (Index.Gate)
        {
            _current.AddSignature(record);
            _current.DiskBytes += SignatureRecord.Size;
        }
    }

    private void CloseCurrent()
    {
        CloseSignedRange();
        _data?.Dispose();
        _indexFile?.Dispose();
        _signatureFile?.Dispose();
        _data = _indexFile = _signatureFile = null;
    }

    /// <summary>Signs the frames after the last signed range of a segment (what a crash left open) as one range.</summary>
    private static void SignUnsignedTail(Segment segment, ECDsa key)
    {
        long first = segment.Signatures.Count == 0 ? segment.FirstFrame : segment.Signatures[^1].LastFrame + 1;
        if (segment.Count == 0 || first > segment.LastFrame) return;
        using var digest = new RangeDigest();
        for (long f = first; f <= segment.LastFrame; f++)
        {
            var buffer = new byte[segment[f].Length];
            segment.ReadPayload(f, buffer);
            digest.Append(segment[f], buffer);
        }
        int count = (int)(segment.LastFrame - first + 1);
        long firstTime = segment[first].TimeUtcMs, lastTime = segment[segment.LastFrame].TimeUtcMs;
        var record = new SignatureRecord(first, count, firstTime, lastTime,
            key.SignHash(digest.Finish(first, count, firstTime, lastTime), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        var bytes = new byte[SegmentFileNames.SignatureHeaderSize + SignatureRecord.Size];
        bool hasHeader = File.Exists(segment.SignaturePath) && new FileInfo(segment.SignaturePath).Length >= SegmentFileNames.SignatureHeaderSize;
        using var stream = new FileStream(segment.SignaturePath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete);
        if (!hasHeader)
        {
            stream.SetLength(0);
            SegmentFileNames.WriteSignatureHeader(bytes);
            stream.Write(bytes, 0, SegmentFileNames.SignatureHeaderSize);
        }
        stream.Seek(0, SeekOrigin.End);
        record.Write(bytes.AsSpan(SegmentFileNames.SignatureHeaderSize));
        stream.Write(bytes, SegmentFileNames.SignatureHeaderSize, SignatureRecord.Size);
        stream.Flush(flushToDisk: true);
        segment.AddSignature(record);
        segment.DiskBytes = segment.ValidDataBytes + segment.ValidIndexBytes + stream.Length;
    }

    /// <summary>Signs the open range and closes the files; the index is disposed with the recorder.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CloseCurrent();
        _digest.Dispose();
        _key?.Dispose();
        Index.Dispose();
    }
}
