using System.Xml.Linq;
using Camlab.Onvif.Soap;
using Camlab.Testing;

namespace Camlab.Server.Tests;

/// <summary>SOAP calls through the real host with WS-Security digest credentials; every answer is schema-validated.</summary>
public static class HostSoap
{
    public const string Ns =
        "xmlns:tptz=\"http://www.onvif.org/ver20/ptz/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\" " +
        "xmlns:timg=\"http://www.onvif.org/ver20/imaging/wsdl\" xmlns:tev=\"http://www.onvif.org/ver10/events/wsdl\" " +
        "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\"";

    public const string P1 = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";

    public static readonly XNamespace Tt = OnvifNamespaces.Schema;

    /// <summary><c>&lt;prefix:Name ns...&gt;inner&lt;/prefix:Name&gt;</c></summary>
    public static string Op(string qualifiedName, string inner = "") => $"<{qualifiedName} {Ns}>{inner}</{qualifiedName}>";

    public static async Task<XElement> Ok(this ServerHarness server, string path, string body)
    {
        var answer = await server.CallAsync(body, path);
        answer.AssertOk();
        OnvifSchemaValidator.AssertValid(answer.Text);
        return answer.Body;
    }

    /// <summary>A call that must fail: the fault validates and its codes are returned, e.g. "env:Sender ter:InvalidArgVal ter:NoToken".</summary>
    public static async Task<string> Fault(this ServerHarness server, string path, string body)
    {
        var answer = await server.CallAsync(body, path);
        Assert.NotEqual(200, answer.Status);
        OnvifSchemaValidator.AssertValid(answer.Text);
        return answer.FaultCodes;
    }

    public static XElement Find(this XElement element, string localName) =>
        element.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == localName)
        ?? throw new Xunit.Sdk.XunitException($"no <{localName}> in {element}");

    public static float F(this XElement element, string attribute) => float.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates a pull point and returns the path PullMessages is posted to.</summary>
    public static async Task<string> SubscribeAsync(this ServerHarness server)
    {
        var created = await server.Ok("/onvif/event_service", Op("tev:CreatePullPointSubscription"));
        return new Uri(created.Find("Address").Value).AbsolutePath;
    }

    /// <summary>Whatever is queued (Timeout PT0S never waits on the clock); each notification message element.</summary>
    public static async Task<List<XElement>> PullAsync(this ServerHarness server, string subscription)
    {
        var pulled = await server.Ok(subscription, Op("tev:PullMessages", "<tev:Timeout>PT0S</tev:Timeout><tev:MessageLimit>1000</tev:MessageLimit>"));
        return pulled.Descendants().Where(e => e.Name.LocalName == "NotificationMessage").ToList();
    }

    public static string Topic(this XElement notification) => notification.Find("Topic").Value.Trim();

    public static string? Item(this XElement notification, string name) =>
        notification.Descendants().FirstOrDefault(e => e.Name.LocalName == "SimpleItem" && (string?)e.Attribute("Name") == name)?.Attribute("Value")?.Value;

    public static string? Operation(this XElement notification) =>
        notification.Descendants().First(e => e.Name == Tt + "Message").Attribute("PropertyOperation")?.Value;
}
