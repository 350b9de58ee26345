using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Imaging;
using Camlab.Device.State;
using Camlab.Onvif.Security;
using Camlab.Onvif.Imaging;
using Camlab.Onvif.Soap;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Imaging;

/// <summary>
/// The Imaging service of a camera with a dome, a wide and an analog source behind a real SOAP endpoint (one user
/// per access level), driven with raw envelopes. Faults surface as <see cref="SoapFaultException"/> rebuilt from the
/// fault envelope, so tests assert code, subcodes and reason.
/// </summary>
internal sealed class ImagingSoapHarness
{
    public const string Dome = "VideoSource_1";
    public const string Wide = "VideoSource_2";
    public const string Analog = "VideoSource_3";

    private static readonly Dictionary<UserLevel, string> UserOf = new()
    {
        [UserLevel.Administrator] = "admin",
        [UserLevel.Operator] = "operator",
        [UserLevel.User] = "user",
    };

    private readonly SoapTestClient _soap;

    public FakeTimeProvider Clock { get; } = new();
    public InMemoryStateStore Store { get; } = new();
    public CameraImaging Imaging { get; }
    public ImagingService Service { get; }

    public ImagingSoapHarness(bool adaptablePreset = true)
    {
        Imaging = new CameraImaging([.. DefaultImagingSources.Create(), VideoSourceImagingDefinition.WithoutImaging(Analog)], Store, Clock, adaptablePreset);
        Service = new ImagingService(Imaging);
        var users = new UserDirectory(new InMemoryStateStore(), UserOf.Select(u => new UserAccount(u.Value, u.Value + "-secret", u.Key)));
        _soap = SoapTestClient.ForOperations(OnvifNamespaces.Imaging, Service.Operations, Clock, users, user => user + "-secret");
    }

    /// <summary>Calls <paramref name="bodyXml"/> (which may declare its own prefixes) as a user of <paramref name="level"/>; returns the answer envelope.</summary>
    /// <exception cref="SoapFaultException">The service answered a fault.</exception>
    public string Call(string bodyXml, UserLevel level = UserLevel.Administrator)
    {
        var answer = _soap.Call(bodyXml, UserOf[level]);
        if (answer.IsFault) throw answer.ToFaultException();
        return answer.Text;
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
