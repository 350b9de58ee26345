using System.Text;
using System.Text.Json;
using Camlab.Opf.Model;
using Camlab.Opf.Validation;

namespace Camlab.Opf.Json;

internal delegate void MemberReader<in T>(OpfJsonReader self, ref Utf8JsonReader reader, T target, int member);
internal delegate T? ItemReader<out T>(OpfJsonReader self, ref Utf8JsonReader reader) where T : class, new();

/// <summary>
/// The reading machinery shared by every OPF object: the member loop (known properties, unknown properties kept
/// in place, duplicate keys, required properties) and typed value readers that report instead of throwing.
/// The per-object readers live in OpfJsonReader.Sensors.cs and OpfJsonReader.Captures.cs.
/// </summary>
internal sealed partial class OpfJsonReader
{
    private readonly JsonPath _path = new();
    private double[] _scratch = new double[16];

    public List<OpfError> Errors { get; } = [];
    public HashSet<string> Invalid { get; } = new(StringComparer.Ordinal);

    public InputCameras ReadDocument(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = 128,
        });
        var document = new InputCameras();
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
            throw new OpfSyntaxException("the input is empty, not JSON", 1, 0, null);
        // OPF documents are UTF-8 JSON (RFC 8259 8.1); checked whole so the error names the byte, not a string read later.
        if (Utf8Validation.FirstInvalidByte(utf8) is var bad and >= 0)
        {
            var lineStart = utf8[..bad].LastIndexOf((byte)'\n') + 1;
            throw new OpfSyntaxException("not UTF-8: " + Utf8Validation.Describe(utf8, bad), utf8[..bad].Count((byte)'\n') + 1, bad - lineStart, null);
        }
        try
        {
            reader.Read();
            ReadObject(ref reader, document, RootShape, ReadRootMember, "the document");
            // Anything after the root value other than whitespace is a syntax error, raised by Read().
            while (reader.Read()) { }
        }
        catch (JsonException e)
        {
            throw new OpfSyntaxException($"not JSON: {e.Message}", (e.LineNumber ?? 0) + 1, e.BytePositionInLine ?? 0, e);
        }
        catch (InvalidOperationException e)
        {
            // A string whose escapes are not Unicode (a lone "\ud800"): the reader says so only when the string is read.
            var at = (int)Math.Min(reader.TokenStartIndex, utf8.Length);
            var lineStart = utf8[..at].LastIndexOf((byte)'\n') + 1;
            throw new OpfSyntaxException($"not JSON: a string at byte offset {at} is not valid Unicode ({e.Message})", utf8[..at].Count((byte)'\n') + 1, at - lineStart, e);
        }
        return document;
    }

    /// <summary>
    /// Reads the members of the object under the reader into <paramref name="target"/>. Known members go to
    /// <paramref name="readMember"/> (with the path pointing at the member), <c>extensions</c> to the extension
    /// reader, anything else is kept as an <see cref="UnknownProperty"/> anchored to the known member before it.
    /// </summary>
    public bool ReadObject<T>(ref Utf8JsonReader reader, T target, ObjectShape shape, MemberReader<T> readMember, string what = "")
        where T : OpfObject
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            TypeError(ref reader, what.Length == 0 ? "must be an object" : what + " must be a JSON object");
            reader.Skip();
            return false;
        }
        ulong seen = 0;
        HashSet<string>? unknownNames = null;
        string? lastKnown = null;
        var hint = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var index = shape.Find(ref reader, hint);
            if (index >= 0)
            {
                var name = shape.Names[index];
                hint = index + 1 == shape.Names.Length ? 0 : index + 1;
                reader.Read();
                if ((seen & (1UL << index)) != 0)
                {
                    DuplicateKey(name);
                    reader.Skip();
                    continue;
                }
                seen |= 1UL << index;
                _path.Push(name);
                if (index == shape.ExtensionsIndex) target.Extensions = ReadExtensions(ref reader);
                else readMember(this, ref reader, target, index);
                _path.Pop();
                lastKnown = name;
            }
            else
            {
                var name = reader.GetString()!;
                reader.Read();
                unknownNames ??= new HashSet<string>(StringComparer.Ordinal);
                if (!unknownNames.Add(name))
                {
                    DuplicateKey(name);
                    reader.Skip();
                    continue;
                }
                _path.Push(name);
                var value = JsonElement.ParseValue(ref reader);
                CheckDuplicateKeys(value);
                _path.Pop();
                target.UnknownProperties.Add(new UnknownProperty(name, value, lastKnown));
            }
        }
        var missing = shape.Required & ~seen;
        if (missing != 0)
        {
            var at = _path.ToString();
            for (var i = 0; i < shape.Names.Length; i++)
            {
                if ((missing & (1UL << i)) == 0) continue;
                Errors.Add(new OpfError(at, $"required property '{shape.Names[i]}' is missing"));
                Invalid.Add(at + "/" + shape.Names[i]);
            }
        }
        return true;
    }

    /// <summary>
    /// Reads an array, calling <paramref name="readItem"/> with the path at each item. An item that is not an
    /// object is replaced by an empty placeholder whose pointer is marked invalid, so indexes stay true.
    /// </summary>
    public List<T> ReadArray<T>(ref Utf8JsonReader reader, ItemReader<T> readItem) where T : class, new()
    {
        var list = new List<T>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            TypeError(ref reader, "must be an array");
            reader.Skip();
            return list;
        }
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _path.Push(index++);
            var item = readItem(this, ref reader);
            _path.Pop();
            // An unreadable item keeps its place (already reported), so later items keep their pointers.
            list.Add(item ?? new T());
        }
        return list;
    }

    private ExtensionSet? ReadExtensions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            TypeError(ref reader, "must be an object whose members are the extensions");
            reader.Skip();
            return null;
        }
        var set = new ExtensionSet();
        HashSet<string>? names = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            names ??= new HashSet<string>(StringComparer.Ordinal);
            if (!names.Add(name))
            {
                DuplicateKey(name);
                reader.Skip();
                continue;
            }
            _path.Push(name);
            var value = JsonElement.ParseValue(ref reader);
            CheckDuplicateKeys(value);
            _path.Pop();
            set.Add(new Extension(name, value));
        }
        return set;
    }

    /// <summary>Values kept verbatim (unknown properties, extensions) may not repeat a key either.</summary>
    private void CheckDuplicateKeys(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            HashSet<string>? names = null;
            foreach (var property in value.EnumerateObject())
            {
                names ??= new HashSet<string>(StringComparer.Ordinal);
                if (!names.Add(property.Name)) DuplicateKey(property.Name);
                _path.Push(property.Name);
                CheckDuplicateKeys(property.Value);
                _path.Pop();
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                _path.Push(i++);
                CheckDuplicateKeys(item);
                _path.Pop();
            }
        }
    }

    // ---- typed values; each reports at the current path and returns false when the value is unusable ----

    public bool TryString(ref Utf8JsonReader reader, out string value)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            TypeError(ref reader, "must be a string");
            reader.Skip();
            value = "";
            return false;
        }
        value = reader.GetString()!;
        return true;
    }

    /// <summary>A string that is usually one of a few known values: those are returned without allocating.</summary>
    public bool TryKnownString(ref Utf8JsonReader reader, IReadOnlyList<string> known, byte[][] knownUtf8, out string value)
    {
        if (reader.TokenType == JsonTokenType.String)
            for (var i = 0; i < knownUtf8.Length; i++)
                if (reader.ValueTextEquals(knownUtf8[i])) { value = known[i]; return true; }
        return TryString(ref reader, out value);
    }

    public bool TryNumber(ref Utf8JsonReader reader, out double value)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            TypeError(ref reader, "must be a number");
            reader.Skip();
            value = 0;
            return false;
        }
        if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
        {
            Report($"{Raw(ref reader)} is too large for a double-precision number");
            value = 0;
            return false;
        }
        return true;
    }

    public bool TryBoolean(ref Utf8JsonReader reader, out bool value)
    {
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            value = reader.TokenType == JsonTokenType.True;
            return true;
        }
        TypeError(ref reader, "must be true or false");
        reader.Skip();
        value = false;
        return false;
    }

    /// <summary>An id: an unsigned 64-bit integer read exactly from the token (uid64.schema.json).</summary>
    public bool TryUid64(ref Utf8JsonReader reader, out ulong value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            TypeError(ref reader, "must be an id (an integer from 0 to 18446744073709551615)");
            reader.Skip();
            return false;
        }
        var kind = JsonInteger.Classify(reader.ValueSpan, out value);
        switch (kind)
        {
            case IntegerKind.Integer: return true;
            case IntegerKind.Fraction: Report($"must be a whole number (an id from 0 to 18446744073709551615), got {Raw(ref reader)}"); break;
            case IntegerKind.Negative: Report($"must not be negative (an id from 0 to 18446744073709551615), got {Raw(ref reader)}"); break;
            default: Report($"is larger than the largest id 18446744073709551615, got {Raw(ref reader)}"); break;
        }
        return false;
    }

    /// <summary>A JSON Schema integer that must fit an int (the model checks its range).</summary>
    public bool TryInt32(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            TypeError(ref reader, "must be an integer");
            reader.Skip();
            return false;
        }
        var kind = JsonInteger.Classify(reader.ValueSpan, out var magnitude);
        if (kind == IntegerKind.Fraction)
        {
            Report($"must be an integer, got {Raw(ref reader)}");
            return false;
        }
        if (kind == IntegerKind.Integer && magnitude <= int.MaxValue)
        {
            value = (int)magnitude;
            return true;
        }
        if (kind == IntegerKind.Negative && reader.TryGetInt32(out value)) return true;
        Report($"is out of range, got {Raw(ref reader)}");
        return false;
    }

    /// <summary>An array of numbers of any length (sizes are checked against the model by the validator).</summary>
    public double[]? NumberArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            TypeError(ref reader, "must be an array of numbers");
            reader.Skip();
            return null;
        }
        var count = 0;
        var ok = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _path.Push(count);
            if (TryNumber(ref reader, out var v))
            {
                if (count == _scratch.Length) Array.Resize(ref _scratch, count * 2);
                _scratch[count] = v;
            }
            else ok = false;
            _path.Pop();
            count++;
        }
        if (!ok)
        {
            Invalid.Add(_path.ToString());
            return null;
        }
        return _scratch.AsSpan(0, count).ToArray();
    }

    // ---- reporting ----

    public void Report(string message)
    {
        var at = _path.ToString();
        Errors.Add(new OpfError(at, message));
        Invalid.Add(at);
    }

    public void ReportAt(string pointer, string message)
    {
        Errors.Add(new OpfError(pointer, message));
        Invalid.Add(pointer);
    }

    public string CurrentPointer => _path.ToString();

    private void TypeError(ref Utf8JsonReader reader, string expectation) =>
        Report($"{expectation}, not {Describe(ref reader)}");

    private void DuplicateKey(string name) =>
        ReportAt(_path.Child(name), $"duplicate key '{name}' (a key may appear only once in an object; the first value is used)");

    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string {Quote(reader.GetString()!)}",
        JsonTokenType.Number => $"the number {Raw(ref reader)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    public static string Raw(ref Utf8JsonReader reader) => Encoding.UTF8.GetString(reader.ValueSpan);

    public static string Quote(string s) => "\"" + s + "\"";
}
