using System.Globalization;
using System.Xml;

namespace Camlab.Server.MobileServer;

/// <summary>
/// One command of the command channel as the client posted it: <c>&lt;Communication&gt;</c> with an optional
/// <c>ConnectionId</c> and one <c>&lt;Command SequenceId&gt;</c> of Type Request, its Name and its InputParams
/// (Name/Value pairs; a name may repeat).
/// </summary>
public sealed class CommunicationRequest
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxDepth = 8;
    public const int MaxParams = 256;
    public const int MaxValueLength = 4096;

    private CommunicationRequest(Guid? connectionId, long sequenceId, string name, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ConnectionId = connectionId;
        SequenceId = sequenceId;
        Name = name;
        Params = parameters;
    }

    public Guid? ConnectionId { get; }
    public long SequenceId { get; }
    public string Name { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Params { get; }

    /// <summary>The first value of <paramref name="name"/> (names compare ordinally, as the clients spell them), or null.</summary>
    public string? Get(string name)
    {
        foreach (var p in Params) if (p.Key == name) return p.Value;
        return null;
    }

    public IEnumerable<string> GetAll(string name) => Params.Where(p => p.Key == name).Select(p => p.Value);

    public string Require(string name) => Get(name) is { Length: > 0 } v ? v
        : throw new MobileServerException(MobileServerError.MissingInputParameter, $"{Name} needs the {name} parameter");

    public int? Int(string name, int min, int max)
    {
        if (Get(name) is not { } text) return null;
        // The clients send numbers JavaScript printed: integers, and sometimes a fraction for sizes.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)
            || Math.Round(d) < min || Math.Round(d) > max)
            throw new MobileServerException(MobileServerError.WrongInputParameter, $"{name} '{text}' must be a number within {min}..{max}");
        return (int)Math.Round(d);
    }

    public double? Double(string name)
    {
        if (Get(name) is not { } text) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
            : throw new MobileServerException(MobileServerError.WrongInputParameter, $"{name} '{text}' is not a number");
    }

    public Guid Id(string name, MobileServerError unknown) => Guid.TryParse(Require(name), out var id) ? id
        : throw new MobileServerException(unknown, $"{name} '{Get(name)}' is not a GUID");

    /// <summary>"Yes"/"No" (case-insensitive); null when absent.</summary>
    public bool? YesNo(string name) => Get(name) switch
    {
        null => null,
        var v when v.Equals("Yes", StringComparison.OrdinalIgnoreCase) => true,
        var v when v.Equals("No", StringComparison.OrdinalIgnoreCase) => false,
        var v => throw new MobileServerException(MobileServerError.WrongInputParameter, $"{name} '{v}' must be Yes or No"),
    };

    /// <summary>
    /// Reads a posted body: XML only (DTDs prohibited, no resolver), at most <see cref="MaxBodyBytes"/>, nesting at most
    /// <see cref="MaxDepth"/>, at most <see cref="MaxParams"/> parameters of at most <see cref="MaxValueLength"/> characters.
    /// </summary>
    /// <exception cref="CommunicationFormatException">The body is not a command; the message says where and why.</exception>
    public static CommunicationRequest Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Length > MaxBodyBytes) throw new CommunicationFormatException($"the body exceeds {MaxBodyBytes} bytes");
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBodyBytes,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return Read(reader);
        }
        catch (XmlException e)
        {
            throw new CommunicationFormatException($"line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
        }
    }

    private static CommunicationRequest Read(XmlReader reader)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Communication")
            throw new CommunicationFormatException($"the root element must be Communication, not {reader.LocalName}");
        Guid? connectionId = null;
        long? sequenceId = null;
        string? type = null, name = null;
        var parameters = new List<KeyValuePair<string, string>>();
        bool commandSeen = false;
        if (reader.IsEmptyElement) throw new CommunicationFormatException("Communication holds no Command");
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            CheckDepth(reader);
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            switch (reader.LocalName)
            {
                case "ConnectionId":
                    var text = reader.ReadElementContentAsString().Trim();
                    if (text.Length > 0)
                        connectionId = Guid.TryParse(text, out var id) ? id : throw new CommunicationFormatException($"ConnectionId '{Clip(text)}' is not a GUID");
                    break;
                case "Command":
                    if (commandSeen) throw new CommunicationFormatException("only one Command per request is supported");
                    commandSeen = true;
                    var seq = reader.GetAttribute("SequenceId");
                    sequenceId = seq is null ? 0 : long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
                        : throw new CommunicationFormatException($"SequenceId '{Clip(seq)}' is not a non-negative integer");
                    ReadCommand(reader, ref type, ref name, parameters);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (!commandSeen) throw new CommunicationFormatException("Communication holds no Command");
        if (type != "Request") throw new CommunicationFormatException($"Command Type must be Request, not '{Clip(type ?? "")}'", MobileServerError.BadCommandType);
        if (string.IsNullOrEmpty(name)) throw new CommunicationFormatException("Command has no Name");
        return new CommunicationRequest(connectionId, sequenceId ?? 0, name, parameters);
    }

    private static void ReadCommand(XmlReader reader, ref string? type, ref string? name, List<KeyValuePair<string, string>> parameters)
    {
        if (reader.IsEmptyElement) { reader.Read(); return; }
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            CheckDepth(reader);
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            switch (reader.LocalName)
            {
                case "Type": type = reader.ReadElementContentAsString().Trim(); break;
                case "Name":
                    name = reader.ReadElementContentAsString().Trim();
                    if (name.Length > 64) throw new CommunicationFormatException($"command name '{Clip(name)}' is too long");
                    break;
                case "InputParams":
                    if (reader.IsEmptyElement) { reader.Read(); break; }
                    reader.Read();
                    while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
                    {
                        CheckDepth(reader);
                        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Param")
                        {
                            var key = reader.GetAttribute("Name") ?? throw new CommunicationFormatException("a Param has no Name");
                            var value = reader.GetAttribute("Value") ?? "";
                            if (parameters.Count >= MaxParams) throw new CommunicationFormatException($"more than {MaxParams} parameters");
                            if (key.Length > 128 || value.Length > MaxValueLength)
                                throw new CommunicationFormatException($"parameter '{Clip(key)}' is longer than {MaxValueLength} characters", MobileServerError.InputParameterTooLong);
                            parameters.Add(new(key, value));
                        }
                        reader.Skip();
                    }
                    reader.Read();
                    break;
                default: reader.Skip(); break;
            }
        }
        reader.Read();
    }

    private static void CheckDepth(XmlReader reader)
    {
        if (reader.Depth > MaxDepth) throw new CommunicationFormatException($"elements nest deeper than {MaxDepth} levels");
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

/// <summary>The body is not a well-formed command: HTTP 400 with an error answer carrying <see cref="Code"/>.</summary>
public sealed class CommunicationFormatException(string message, MobileServerError code = MobileServerError.WrongInputParameter) : Exception(message)
{
    public MobileServerError Code { get; } = code;
}
