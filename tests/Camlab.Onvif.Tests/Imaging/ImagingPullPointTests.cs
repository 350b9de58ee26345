using System.Text;
using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Device.Imaging;
using Camlab.Device.State;
using Camlab.Onvif.Events;
using Camlab.Onvif.Imaging;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing;

namespace Camlab.Onvif.Tests.Imaging;

/// <summary>
/// The end of the conformance scenario: through the real SOAP endpoint, with the Imaging and Events services
/// registered together, a client subscribes with a pull point, the tampering and motion conditions are forced by
/// fault injection, and the client pulls them as tt:Message property notifications (Imaging 5.5).
/// </summary>
public class ImagingPullPointTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly EventBus _bus = new();
    private readonly SoapTestClient _soap;
    private readonly VideoSourceAlarms _alarms;
    private readonly CameraImaging _imaging;

    public ImagingPullPointTests()
    {
        _imaging = new CameraImaging(DefaultImagingSources.Create(), new InMemoryStateStore(), _clock);
        var topics = new EventTopics();
        // SignalLoss is published by the imaging domain; the default topic set does not describe it yet.
        topics.Add(new TopicDescription("VideoSource/SignalLoss", true, [new("Source", "tt:ReferenceToken")], [new("State", "xs:boolean")]));
        _soap = SoapTestClient.ForServices(_clock, [new ImagingService(_imaging), new EventsService(_bus, topics, _clock)]);
        _alarms = new VideoSourceAlarms(_bus, _clock, _imaging.VideoSources, _imaging.ImagingSources);
        _alarms.Start();
    }

    private async Task<string> Post(string path, string body)
    {
        var envelope = $"<s:Envelope xmlns:s=\"{OnvifNamespaces.Soap12}\" xmlns:tev=\"{OnvifNamespaces.Events}\" xmlns:timg=\"{OnvifNamespaces.Imaging}\" xmlns:tt=\"{OnvifNamespaces.Schema}\"><s:Body>{body}</s:Body></s:Envelope>";
        return (await _soap.PostAsync(Encoding.UTF8.GetBytes(envelope), _soap.ServiceUri(path))).AssertValid().AssertOk().Text;
    }

    [Fact]
    public async Task Forced_tampering_and_motion_conditions_arrive_through_a_pull_point()
    {
        var created = XDocument.Parse(await Post("event_service", "<tev:CreatePullPointSubscription/>"));
        var address = new Uri(created.Descendants().Single(e => e.Name.LocalName == "Address").Value);

        foreach (var condition in Enum.GetValues<VideoSourceCondition>())
            ForcedCondition.Parse($"VideoSource_1/{condition}=true").ApplyTo(_alarms);
        _alarms.ForceCondition("VideoSource_2", VideoSourceCondition.MotionAlarm, true);

        var pulled = XDocument.Parse(await Post(address.AbsolutePath.TrimStart('/')["onvif/".Length..],
            "<tev:PullMessages><tev:Timeout>PT0S</tev:Timeout><tev:MessageLimit>100</tev:MessageLimit></tev:PullMessages>"));
        var all = pulled.Descendants().Where(e => e.Name.LocalName == "NotificationMessage").ToList();
        string Operation(XElement n) => n.Descendants().Single(e => e.Name.LocalName == "Message" && e.Name.NamespaceName == OnvifNamespaces.Schema).Attribute("PropertyOperation")!.Value;
        // A new pull point first gets the current state of every property (6 per source), then the transitions.
        Assert.Equal(12, all.Count(n => Operation(n) == "Initialized"));
        Assert.All(all.Where(n => Operation(n) == "Initialized"), n => Assert.Contains("Value=\"false\"", n.ToString()));
        var notifications = all.Where(n => Operation(n) == "Changed").ToList();
        Assert.Equal(7, notifications.Count);
        var topics = notifications.Select(n => n.Descendants().Single(e => e.Name.LocalName == "Topic").Value.Trim()).ToList();
        Assert.Contains("tns1:VideoSource/ImageTooBlurry/ImagingService", topics);
        Assert.Contains("tns1:VideoSource/SignalLoss", topics);
        Assert.Equal(2, topics.Count(t => t == "tns1:VideoSource/MotionAlarm"));
        foreach (var n in notifications)
        {
            var message = n.Descendants().Single(e => e.Name.LocalName == "Message" && e.Name.NamespaceName == OnvifNamespaces.Schema);
            Assert.Equal("Changed", message.Attribute("PropertyOperation")!.Value);
            var source = message.Descendants().Single(e => e.Name.LocalName == "SimpleItem" && e.Attribute("Name")!.Value == "Source");
            Assert.StartsWith("VideoSource_", source.Attribute("Value")!.Value);
            var state = message.Descendants().Single(e => e.Name.LocalName == "SimpleItem" && e.Attribute("Name")!.Value == "State");
            Assert.Equal("true", state.Attribute("Value")!.Value);
        }

        // Clearing the injection is a transition back, pulled as Changed false.
        _alarms.ClearForcedCondition("VideoSource_1", VideoSourceCondition.ImageTooDark);
        var cleared = XDocument.Parse(await Post(address.AbsolutePath["/onvif/".Length..],
            "<tev:PullMessages><tev:Timeout>PT0S</tev:Timeout><tev:MessageLimit>10</tev:MessageLimit></tev:PullMessages>"));
        var single = Assert.Single(cleared.Descendants().Where(e => e.Name.LocalName == "NotificationMessage"));
        Assert.Contains("ImageTooDark", single.ToString());
        Assert.Contains("Value=\"false\"", single.ToString());
    }

    [Fact]
    public async Task Imaging_requests_and_faults_pass_through_the_real_transport()
    {
        var settings = await Post("imaging_service", "<timg:GetImagingSettings><timg:VideoSourceToken>VideoSource_1</timg:VideoSourceToken></timg:GetImagingSettings>");
        Assert.Contains("<tt:Brightness>50</tt:Brightness>", settings);
        var answer = (await _soap.CallAsync("<SetImagingSettings xmlns=\"http://www.onvif.org/ver20/imaging/wsdl\"><VideoSourceToken>VideoSource_1</VideoSourceToken>" +
            "<ImagingSettings><Brightness xmlns=\"http://www.onvif.org/ver10/schema\">101</Brightness></ImagingSettings></SetImagingSettings>")).AssertValid();
        Assert.Equal(400, answer.Status);
        Assert.Contains("ter:SettingsInvalid", answer.Text);
        Assert.Contains("Brightness: 101 is outside [0, 100]", answer.Text);
    }
}
