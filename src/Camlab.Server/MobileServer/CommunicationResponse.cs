using System.Text;
using System.Xml;

namespace Camlab.Server.MobileServer;

/// <summary>One entry of an answer's <c>&lt;Items&gt;</c> tree: Type, Id, Name, its Properties and its children.</summary>
public sealed record CommunicationItem(string Type, Guid Id, string Name, IReadOnlyList<KeyValuePair<string, string>> Properties, IReadOnlyList<CommunicationItem> Items);

/// <summary>One recorded sequence (<c>&lt;Sequence StartTime EndTime TimeStamp&gt;</c>, UTC milliseconds).</summary>
public sealed record CommunicationSequence(long StartTimeMs, long EndTimeMs, long TimeStampMs);

/// <summary>
/// The answer to one command: the command repeated (SequenceId, Name) with Type Response, its OutputParams, the
/// optional Items, Sequences and Thumbnail, and Result OK or Error with ErrorCode and ErrorString. Each XML message is
/// followed by the separator "\r\n\r\n"; a <c>Processing</c> message (same SequenceId and Name) may precede it.
/// </summary>
public sealed class CommunicationResponse(long sequenceId, string name)
{
    public const string Separator = "\r\n\r\n";

    public long SequenceId { get; } = sequenceId;
    public string Name { get; } = name;
    public Guid? ConnectionId { get; set; }
    public List<KeyValuePair<string, string>> Output { get; } = [];
    public IReadOnlyList<CommunicationItem>? Items { get; set; }
    public IReadOnlyList<CommunicationSequence>? Sequences { get; set; }
    public string? ThumbnailBase64 { get; set; }
    public MobileServerError? Error { get; private set; }
    public string? ErrorString { get; private set; }

    public CommunicationResponse Add(string key, string value)
    {
        Output.Add(new(key, value));
        return this;
    }

    public CommunicationResponse Add(string key, bool yes) => Add(key, yes ? "Yes" : "No");

    public static CommunicationResponse Failure(long sequenceId, string name, MobileServerError code, string message)
    {
        var r = new CommunicationResponse(sequenceId, name) { Error = code, ErrorString = message };
        return r;
    }

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false };

    /// <summary>The interim answer sent while a slow command runs (when the connection asked for them).</summary>
    public static byte[] Processing(long sequenceId, string name, Guid? connectionId) =>
        Write(w => WriteCommand(w, connectionId, sequenceId, name, "Processing", _ => { }));

    public byte[] ToBytes() => Write(w => WriteCommand(w, ConnectionId, SequenceId, Name, "Response", WriteBody));

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, Settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("Communication");
            w.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
            w.WriteAttributeString("xmlns", "xsd", null, "http://www.w3.org/2001/XMLSchema");
            body(w);
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        buffer.Write(Encoding.ASCII.GetBytes(Separator));
        return buffer.ToArray();
    }

    private static void WriteCommand(XmlWriter w, Guid? connectionId, long sequenceId, string name, string type, Action<XmlWriter> body)
    {
        if (connectionId is { } id) w.WriteElementString("ConnectionId", id.ToString());
        w.WriteStartElement("Command");
        w.WriteAttributeString("SequenceId", sequenceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteElementString("Type", type);
        w.WriteElementString("Name", name);
        body(w);
        w.WriteEndElement();
    }

    private void WriteBody(XmlWriter w)
    {
        w.WriteStartElement("OutputParams");
        foreach (var (key, value) in Output)
        {
            w.WriteStartElement("Param");
            w.WriteAttributeString("Name", key);
            w.WriteAttributeString("Value", value);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        if (Items is { } items) WriteItems(w, items);
        if (Sequences is { } sequences)
        {
            w.WriteStartElement("Sequences");
            foreach (var s in sequences)
            {
                w.WriteStartElement("Sequence");
                w.WriteAttributeString("StartTime", Ms(s.StartTimeMs));
                w.WriteAttributeString("EndTime", Ms(s.EndTimeMs));
                w.WriteAttributeString("TimeStamp", Ms(s.TimeStampMs));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (ThumbnailBase64 is { } thumbnail) w.WriteElementString("Thumbnail", thumbnail);
        w.WriteElementString("Result", Error is null ? "OK" : "Error");
        if (Error is { } code)
        {
            w.WriteElementString("ErrorCode", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteElementString("ErrorString", ErrorString ?? code.ToString());
        }
    }

    private static void WriteItems(XmlWriter w, IReadOnlyList<CommunicationItem> items)
    {
        w.WriteStartElement("Items");
        foreach (var item in items)
        {
            w.WriteStartElement("Item");
            w.WriteAttributeString("Type", item.Type);
            w.WriteAttributeString("Id", item.Id.ToString());
            w.WriteAttributeString("Name", item.Name);
            if (item.Properties.Count > 0)
            {
                w.WriteStartElement("Properties");
                foreach (var (key, value) in item.Properties) w.WriteAttributeString(key, value);
                w.WriteEndElement();
            }
            if (item.Items.Count > 0) WriteItems(w, item.Items);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static string Ms(long ms) => ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
