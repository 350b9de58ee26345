using System.Text;
using System.Xml.Linq;
using Camlab.Device.Events;
using Camlab.Onvif.Events;
using Camlab.Onvif.Soap;
using Camlab.Onvif.Tests.Support;
using Camlab.Testing.Fuzz;

namespace Camlab.Onvif.Tests.Fuzz;

/// <summary>
/// Fuzz targets: the SOAP endpoint (envelope reader, authentication, dispatch, handlers, fault writer) and the
/// message-content filter. Every mutated request gets a well-formed SOAP answer and no handler fails unexpectedly.
/// </summary>
public sealed class SoapFuzzTests
{
    private static readonly string[] Bodies =
    [
        "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>",
        "<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>",
        "<GetProfile xmlns=\"http://www.onvif.org/ver10/media/wsdl\"><ProfileToken>Profile_1</ProfileToken></GetProfile>",
        "<SetHostname xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><Name>camlab</Name></SetHostname>",
        "<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><Filter><TopicExpression xmlns=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:tns1=\"http://www.onvif.org/ver10/topics\" Dialect=\"http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet\">tns1:VideoSource//.</TopicExpression><MessageContent xmlns=\"http://docs.oasis-open.org/wsn/b-2\" Dialect=\"http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter\">boolean(//tt:SimpleItem[@Name=\"Source\"])</MessageContent></Filter><InitialTerminationTime>PT60S</InitialTerminationTime></CreatePullPointSubscription>",
        "<GetEventProperties xmlns=\"http://www.onvif.org/ver10/events/wsdl\"/>",
        "<CreateProfile xmlns=\"http://www.onvif.org/ver10/media/wsdl\"><Name>n</Name><Token>t</Token></CreateProfile>",
    ];

    [Fact]
    public async Task Mutated_envelopes_always_get_a_well_formed_answer()
    {
        var device = new TestDevice();
        var corpus = Bodies.Select(b => Encoding.UTF8.GetBytes(TestDevice.Envelope(b, device.Token(TestDevice.Admin, TestDevice.AdminPassword))))
            .Concat(Bodies.Select(b => Encoding.UTF8.GetBytes(TestDevice.Envelope(b)))).ToArray();
        string[] tokens = ["<a>", "</a>", "&#x1;", "&#8;", "&amp;", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY e \"x\">]>", "&e;", "xmlns:q=\"\"",
            "s:mustUnderstand=\"1\"", "P99999999D", "-P1D", "\u00ff", "<?xml version=\"1.1\"?>", "not(", "//tt:SimpleItem[@Name=\"a\"]", "|", "//."];
        var answers = new List<int>();
        new Fuzzer(corpus, tokens).Run(seed: 3003, input =>
        {
            var answer = device.PostRawAsync(input).GetAwaiter().GetResult();
            Assert.Contains(answer.Status, new[] { 200, 400, 401, 429, 500 });
            Assert.NotEmpty(answer.Text);
            XDocument.Parse(answer.Text); // well-formed, whatever was echoed
            if (answer.Status == 500) Assert.DoesNotContain("internal error", answer.Text);
            answers.Add(answer.Status);
        });
        Assert.Empty(device.Errors);
        // The corpus keeps reaching the handlers, not only the envelope reader.
        Assert.Contains(200, answers);
        device.Events.Reset();
        await Task.CompletedTask;
    }

    [Fact]
    public void Mutated_message_content_expressions_parse_or_fault_and_evaluate_without_throwing()
    {
        string[] corpus =
        [
            "boolean((//tt:SimpleItem[@Name=\"Source\" and @Value=\"VideoSource_1\"]))",
            "not(//tt:SimpleItem[@Value='x']) and (//tt:SimpleItem[@Name=\"State\"] or //tt:SimpleItem[@Value=\"true\"])",
            "(((//tt:SimpleItem[@Name=\"a\"])))",
        ];
        string[] tokens = ["not(", "boolean(", "(", ")", " and ", " or ", "//tt:SimpleItem[", "@Name=", "@Value=", "\"", "'", "]"];
        var message = new EventMessage("VideoSource/MotionAlarm", DateTimeOffset.UnixEpoch, [new SimpleItem("Source", "VideoSource_1")], [new SimpleItem("State", "true")]);
        new Fuzzer(corpus.Select(Encoding.UTF8.GetBytes), tokens).Run(seed: 3004, input =>
        {
            var text = Encoding.UTF8.GetString(input);
            MessageContentFilter filter;
            try { filter = MessageContentFilter.Parse(MessageContentFilter.ItemFilterDialect, text); }
            catch (SoapFaultException e)
            {
                Assert.Equal(["ter:InvalidArgVal", "wsnt:InvalidMessageContentExpressionFault"], e.Subcodes);
                Assert.True(e.Reason.Length < 1024);
                return;
            }
            filter.Matches(message);
        });
    }
}
