using System.Buffers.Binary;
using System.Globalization;

namespace Camlab.Recording;

/// <summary>
/// A segment is three files sharing a base name <c>seg-NNNNNNNNNNNN</c> (the directory-wide number of its first
/// frame, 12 digits): <c>.dat</c> frames back to back (version 2: each frame's privacy mask text, then its payload; version 3: a frame whose
/// mask text and payload repeat an earlier frame's of the segment stores nothing and its entry points at the earlier
/// bytes, <see cref="RecordFlags.SharedPayload"/>),
/// <c>.idx</c> a 32-byte header (magic, format version, first frame) plus one <see cref="IndexEntry"/> per frame, <c>.sig</c> a 16-byte header plus one <see cref="SignatureRecord"/> per signed range.
/// </summary>
public static class SegmentFileNames
{
    public const string Prefix = "seg-";
    public const string DataExtension = ".dat";
    public const string IndexExtension = ".idx";
    public const string SignatureExtension = ".sig";

    public const int IndexHeaderSize = 32;
    public const int SignatureHeaderSize = 16;
    public const uint IndexMagic = 0x49524C43;     // "CLRI"
    public const uint SignatureMagic = 0x53524C43; // "CLRS"
    /// <summary>The signature file format version.</summary>
    public const uint Version = 1;
    /// <summary>
    /// The index format version new segments are written in. Version 1 segments (no frame facts) and version 2 ones (no
    /// shared payloads; the same entry layout as version 3) still load.
    /// </summary>
    public const uint IndexVersion = 3;

    public static string BasePath(string directory, long firstFrame) =>
        Path.Combine(directory, Prefix + firstFrame.ToString("D12", CultureInfo.InvariantCulture));

    /// <summary>The first frame number from a segment file name, or false for a foreign file.</summary>
    public static bool TryParse(string path, out long firstFrame)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        firstFrame = 0;
        return name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length == Prefix.Length + 12 &&
               long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out firstFrame);
    }

    /// <summary>Base paths of the segments in a directory, oldest first (by the index files present).</summary>
    public static List<(long FirstFrame, string BasePath)> List(string directory)
    {
        var result = new List<(long, string)>();
        foreach (string file in Directory.EnumerateFiles(directory, Prefix + "*" + IndexExtension))
            if (TryParse(file, out long first))
                result.Add((first, BasePath(directory, first)));
        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }

    public static void WriteIndexHeader(Span<byte> destination, long firstFrame)
    {
        destination[..IndexHeaderSize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, IndexMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], IndexVersion);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], firstFrame);
    }

    public static void WriteSignatureHeader(Span<byte> destination)
    {
        destination[..SignatureHeaderSize].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, SignatureMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Version);
    }
}
