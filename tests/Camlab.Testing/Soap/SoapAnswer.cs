using System.Xml.Linq;
using Xunit;

namespace Camlab.Testing.Soap;

/// <summary>
/// What a SOAP endpoint answered (in memory or over HTTP), with the parts tests assert on: the first element of the
/// Body, the fault's code chain, values by local name.
/// </summary>
/// <param name="WwwAuthenticate">The challenges of an HTTP answer; empty in memory.</param>
/// <param name="ContentType">The HTTP Content-Type; null in memory.</param>
public sealed record SoapAnswer(int Status, string Text, IReadOnlyList<string> WwwAuthenticate, string? ContentType = null)
{
    public SoapAnswer(int status, string text) : this(status, text, []) { }

    private static readonly XNamespace Env = SoapMessages.Soap12;

    public XElement Body => XDocument.Parse(Text).Root!.Element(Env + "Body")!.Elements().First();

    public bool IsFault => Body.Name == Env + "Fault";

    /// <summary>The code and its subcodes, space-separated: "env:Sender ter:InvalidArgVal ter:NoProfile".</summary>
    public string FaultCodes => string.Join(" ", FaultCodeChain());

    /// <summary>The fault's env:Reason text.</summary>
    public string FaultReason => Body.Element(Env + "Reason")?.Element(Env + "Text")?.Value ?? "";

    public IReadOnlyList<string> FaultCodeChain()
    {
        var codes = new List<string>();
        var code = Body.Element(Env + "Code");
        while (code is not null)
        {
            codes.Add(code.Element(Env + "Value")!.Value);
            code = code.Element(Env + "Subcode");
        }
        return codes;
    }

    public IEnumerable<XElement> All(string localName) => Body.DescendantsAndSelf().Where(e => e.Name.LocalName == localName);

    public string Value(string localName) => All(localName).First().Value;

    public SoapAnswer AssertOk()
    {
        Assert.True(Status == 200, $"expected 200, got {Status}: {Text}");
        return this;
    }

    /// <summary>Validates the answer against the official schemas when ../shared is there.</summary>
    public SoapAnswer AssertValid()
    {
        if (SharedRef.OnvifSchemaDirectory is not null) OnvifSchemaValidator.AssertValid(Text);
        return this;
    }
}
