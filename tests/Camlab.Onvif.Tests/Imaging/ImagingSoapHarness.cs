using System.Text;
using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Imaging;
using Camlab.Device.State;
using Camlab.Onvif.Imaging;
using Camlab.Onvif.Soap;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Imaging;

/// <summary>
/// Plays the transport for the Imaging service: raw request envelope in (hardened reader, dispatch on the Body
/// element's local name, access policy), raw response envelope out with every prefix declared once on the
/// Envelope, as the server's SOAP endpoint does. Faults surface as <see cref="SoapFaultException"/>.
/// </summary>
internal sealed class ImagingSoapHarness
{
    public const string Dome = "VideoSource_1";
    public const string Wide = "VideoSource_2";
    public const string Analog = "VideoSource_3";

    public FakeTimeProvider Clock { get; } = new();
    public InMemoryStateStore Store { get; } = new();
    public CameraImaging Imaging { get; }
    public ImagingService Service { get; }

    public ImagingSoapHarness(bool adaptablePreset = true)
    {
        Imaging = new CameraImaging([.. DefaultImagingSources.Create(), VideoSourceImagingDefinition.WithoutImaging(Analog)], Store, Clock, adaptablePreset);
        Service = new ImagingService(Imaging);
    }

    /// <summary>Wraps <paramref name="bodyXml"/> (which may declare its own prefixes) in a SOAP 1.2 envelope and calls.</summary>
    public string Call(string bodyXml, UserLevel level = UserLevel.Administrator) =>
        CallEnvelope($"<s:Envelope xmlns:s=\"{OnvifNamespaces.Soap12}\"><s:Body>{bodyXml}</s:Body></s:Envelope>", level);

    public string CallEnvelope(string envelope, UserLevel level = UserLevel.Administrator)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1 << 20 };
        using var reader = XmlReader.Create(new StringReader(envelope), settings);
        var document = XDocument.Load(reader);
        var body = document.Root!.Elements().Single(e => e.Name.LocalName == "Body").Elements().First();
        var operation = Service.Operations.SingleOrDefault(o => o.Name == body.Name.LocalName)
            ?? throw OnvifFaults.UnknownAction(body.Name.LocalName);
        if (!AccessPolicy.Allows(level, operation.Access)) throw OnvifFaults.NotAuthorized();

        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("env", "Envelope", OnvifNamespaces.Soap12);
            foreach (var (prefix, ns) in OnvifNamespaces.Declared)
                if (prefix != "env") writer.WriteAttributeString("xmlns", prefix, null, ns);
            writer.WriteStartElement("env", "Body", OnvifNamespaces.Soap12);
            operation.Handle(new SoapRequest(body, "admin", level, Clock), writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return output.ToString();
    }

    /// <summary>The first element of the response Body.</summary>
    public XElement CallBody(string bodyXml) => Response(Call(bodyXml));

    public static XElement Response(string envelope) =>
        XDocument.Parse(envelope).Root!.Elements().Single(e => e.Name.LocalName == "Body").Elements().Single();

    public static string Op(string name, string inner = "") => $"<timg:{name} xmlns:timg=\"{OnvifNamespaces.Imaging}\" xmlns:tt=\"{OnvifNamespaces.Schema}\">{inner}</timg:{name}>";

    public static string Token(string token) => $"<timg:VideoSourceToken>{token}</timg:VideoSourceToken>";

    public SoapFaultException Fault(string bodyXml) => Assert.Throws<SoapFaultException>(() => Call(bodyXml));
}

internal static class XmlTestExtensions
{
    public static readonly XNamespace Tt = OnvifNamespaces.Schema;
    public static readonly XNamespace Timg = OnvifNamespaces.Imaging;

    public static XElement Path(this XElement e, params string[] localNames)
    {
        foreach (var name in localNames)
            e = e.Elements().FirstOrDefault(c => c.Name.LocalName == name) ?? throw new Xunit.Sdk.XunitException($"no {name} below {e.Name.LocalName}");
        return e;
    }

    public static float F(this XElement e, params string[] localNames) =>
        XmlConvert.ToSingle(e.Path(localNames).Value);
}
