using Camlab.Opf.Json;
using Camlab.Opf.Model;

namespace Camlab.Opf.Validation;

/// <summary>How strict the validator is about values a newer version of the spec might add.</summary>
public sealed record OpfValidationOptions
{
    /// <summary>Every rule of the spec and the official schemas (the default).</summary>
    public static OpfValidationOptions Strict { get; } = new();

    /// <summary>Accepts (and keeps) enum values 1.0 does not list, such as a future <c>shutter_type</c>.</summary>
    public static OpfValidationOptions Lenient { get; } = new() { AllowUnknownEnumValues = true };

    /// <summary>When true, unknown values of shutter_type, model_source, pixel_type and rig_model_source pass.</summary>
    public bool AllowUnknownEnumValues { get; init; }
}

/// <summary>Every error of a document, and the model when it could be read.</summary>
public sealed class OpfValidationResult
{
    internal OpfValidationResult(InputCameras document, bool isFaithful, IReadOnlyList<OpfError> errors)
    {
        Document = document;
        IsFaithful = isFaithful;
        Errors = errors;
    }

    /// <summary>The model read from the document (a best effort when <see cref="IsFaithful"/> is false).</summary>
    public InputCameras Document { get; }

    /// <summary>True when the model holds everything the document says, so it can be written back.</summary>
    public bool IsFaithful { get; }

    public IReadOnlyList<OpfError> Errors { get; }
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks an OPF input cameras document against every rule of the official JSON schemas (encoded here, no
/// schema files are read) and the rules the schemas cannot express: band weights sum to 1, references resolve,
/// ids are unique, static pixel ranges are ordered, percentiles are not negative, the symmetric-affine and
/// p0-zero flags hold, keys are not repeated, dates exist, image sizes are whole numbers, the major version is 1.
/// All errors are reported at once, each with its JSON pointer.
/// </summary>
public static class OpfValidator
{
    /// <summary>Reads and checks a document. Throws <see cref="OpfSyntaxException"/> when it is not JSON at all.</summary>
    public static OpfValidationResult Validate(ReadOnlySpan<byte> utf8Json, OpfValidationOptions? options = null)
    {
        var read = OpfReader.Read(utf8Json);
        var checker = new ModelChecker(options ?? OpfValidationOptions.Strict, read.InvalidPointers);
        checker.Check(read.Document);
        IReadOnlyList<OpfError> errors = read.Errors;
        if (checker.Errors.Count > 0)
        {
            var all = new List<OpfError>(read.Errors);
            var seen = new HashSet<OpfError>(read.Errors);
            foreach (var e in checker.Errors)
                if (!Suppressed(e.Pointer, read.InvalidPointers) && seen.Add(e)) all.Add(e);
            errors = all;
        }
        errors = InDocumentOrder(utf8Json, errors);
        return new OpfValidationResult(read.Document, read.IsFaithful, errors);
    }

    /// <inheritdoc cref="Validate(ReadOnlySpan{byte}, OpfValidationOptions?)"/>
    public static OpfValidationResult ValidateFile(string path, OpfValidationOptions? options = null) =>
        Validate(File.ReadAllBytes(path), options);

    /// <summary>Checks a model built in code (value rules, sizes, enums and the semantic rules).</summary>
    public static IReadOnlyList<OpfError> Validate(InputCameras document, OpfValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var checker = new ModelChecker(options ?? OpfValidationOptions.Strict, null);
        checker.Check(document);
        return checker.Errors;
    }

    /// <summary>
    /// Sorts errors by where their value starts in the document (stable, so errors of one value keep the order
    /// in which they were found). A repeated key sorts where it is repeated.
    /// </summary>
    private static IReadOnlyList<OpfError> InDocumentOrder(ReadOnlySpan<byte> utf8Json, IReadOnlyList<OpfError> errors)
    {
        if (errors.Count < 2) return errors;
        var offsets = PointerLocator.Locate(utf8Json, errors.Select(e => e.Pointer));
        return errors.Select((e, i) => (Error: e, Index: i))
            .OrderBy(x => offsets.TryGetValue(x.Error.Pointer, out var o) ? o : long.MaxValue)
            .ThenBy(x => x.Index)
            .Select(x => x.Error)
            .ToList();
    }

    /// <summary>A check of a value the reader could not read (or found missing) would only repeat that error.</summary>
    private static bool Suppressed(string pointer, IReadOnlySet<string> invalid)
    {
        if (invalid.Count == 0) return false;
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (invalid.Contains(p)) return true;
            if (p.Length == 0) return false;
        }
    }
}
