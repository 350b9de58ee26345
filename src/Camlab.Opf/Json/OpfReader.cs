using System.Text.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;

namespace Camlab.Opf.Json;

/// <summary>
/// Reads OPF input cameras JSON into the <see cref="InputCameras"/> model with a streaming
/// <see cref="Utf8JsonReader"/> (no document-wide DOM). It never stops at the first problem: every shape
/// error (wrong JSON type, missing required property, id that is not an unsigned 64-bit integer, duplicate key,
/// unknown internals or orientation type, ambiguous pixel range) is collected with its JSON pointer.
/// Value rules (ranges, vector sizes, enums, references, dates) are the <see cref="OpfValidator"/>'s job.
/// </summary>
public static class OpfReader
{
    /// <summary>Reads a document. Throws <see cref="OpfSyntaxException"/> when the bytes are not JSON at all.</summary>
    public static OpfReadResult Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new OpfJsonReader();
        var document = reader.ReadDocument(utf8Json);
        return new OpfReadResult(document, reader.Errors, reader.Invalid);
    }

    /// <inheritdoc cref="Read(ReadOnlySpan{byte})"/>
    public static OpfReadResult Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <inheritdoc cref="Read(ReadOnlySpan{byte})"/>
    public static OpfReadResult ReadFile(string path) => Read(File.ReadAllBytes(path));

    /// <summary>
    /// Reads a document that must be well-formed: throws <see cref="OpfValidationException"/> listing every
    /// shape error otherwise. Value rules are not checked here; use <see cref="OpfValidator"/> for those.
    /// </summary>
    public static InputCameras Parse(ReadOnlySpan<byte> utf8Json)
    {
        var result = Read(utf8Json);
        if (!result.IsFaithful) throw new OpfValidationException(result.Errors);
        return result.Document;
    }
}

/// <summary>
/// The model read from a document and the shape errors met on the way. When <see cref="IsFaithful"/> is false
/// the model is a best effort (missing or ill-typed values left at their defaults) and must not be written back.
/// </summary>
public sealed class OpfReadResult
{
    internal OpfReadResult(InputCameras document, IReadOnlyList<OpfError> errors, IReadOnlySet<string> invalidPointers)
    {
        Document = document;
        Errors = errors;
        InvalidPointers = invalidPointers;
    }

    public InputCameras Document { get; }
    public IReadOnlyList<OpfError> Errors { get; }

    /// <summary>True when the model holds everything the document says (no shape errors).</summary>
    public bool IsFaithful => Errors.Count == 0;

    /// <summary>Pointers of values that were missing or unreadable; checks of the model skip them.</summary>
    internal IReadOnlySet<string> InvalidPointers { get; }
}

/// <summary>The input is not JSON at all (syntax error, empty input, trailing garbage).</summary>
public sealed class OpfSyntaxException : Exception
{
    public OpfSyntaxException(string message, long lineNumber, long bytePositionInLine, Exception? inner)
        : base(message, inner)
    {
        LineNumber = lineNumber;
        BytePositionInLine = bytePositionInLine;
    }

    /// <summary>1-based line of the problem.</summary>
    public long LineNumber { get; }

    /// <summary>0-based byte offset of the problem within its line.</summary>
    public long BytePositionInLine { get; }
}

/// <summary>A document that was required to be valid is not; <see cref="Errors"/> lists every problem.</summary>
public sealed class OpfValidationException(IReadOnlyList<OpfError> errors)
    : Exception($"the OPF document has {errors.Count} error(s); first: {(errors.Count > 0 ? errors[0].ToString() : "")}")
{
    public IReadOnlyList<OpfError> Errors { get; } = errors;
}
