using System.Text;
using System.Xml;
using System.Xml.Linq;
using Camlab.Onvif.Soap;
using Camlab.Onvif.Tests.Ptz;
using Camlab.Onvif.Tests.Support;

namespace Camlab.Onvif.Tests.Hardening;

/// <summary>
/// Input that comes back out (a fault that quotes it, a name a client chose, a duration added to the clock) ends
/// in a well-formed, bounded SOAP fault with the right subcode, never a writer exception; a failed request
/// changes nothing. Inputs are generated from fixed seeds.
/// </summary>
public sealed class EchoedInputTests
{
    private static readonly char[] Controls = Enumerable.Range(0, 32).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c)
        .Concat(['\uFFFE', '\uFFFF', '\uD800', '\uDC00']).ToArray();

    // A lone surrogate cannot be encoded in UTF-8 (the encoder would write U+FFFD), so it is only ever a reference.
    private static string Spelled(Random random, char c) => random.Next(3) switch
    {
        0 when !char.IsSurrogate(c) => c.ToString(),
        1 => $"&#x{(int)c:X};",
        _ => $"&#{(int)c};",
    };

    [Fact]
    public async Task Control_characters_anywhere_in_an_envelope_get_a_well_formed_WellFormed_fault()
    {
        var device = new TestDevice();
        var random = new Random(17);
        for (var i = 0; i < 400; i++)
        {
            var bad = Spelled(random, Controls[random.Next(Controls.Length)]);
            var filler = new string('x', random.Next(0, 3000));
            var body = random.Next(4) switch
            {
                0 => $"<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\" a=\"{filler}{bad}\"/>",
                1 => $"<SetHostname xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><Name>{filler}{bad}</Name></SetHostname>",
                2 => $"<CreateProfile xmlns=\"http://www.onvif.org/ver10/media/wsdl\"><Name>n{bad}{filler}</Name></CreateProfile>",
                _ => $"<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>{bad}",
            };
            var answer = await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(body, device.Token(TestDevice.Admin, TestDevice.AdminPassword)))); 
            Assert.True(answer.Status == 400, $"case {i} ({body[..Math.Min(body.Length, 80)]}): {answer.Status} {answer.Text}");
            Assert.Equal("env:Sender ter:WellFormed", answer.FaultCodes);
            var reason = answer.Value("Text");
            Assert.InRange(reason.Length, 1, EchoedText.MaxReason + 64);
        }
        Assert.Empty(device.Errors);
    }

    [Fact]
    public void Any_text_once_made_xml_safe_is_written_and_read_back_and_a_quote_is_bounded()
    {
        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 400)];
            for (var j = 0; j < chars.Length; j++)
                chars[j] = random.Next(4) == 0 ? Controls[random.Next(Controls.Length)] : (char)random.Next(0, 0x10000);
            var text = new string(chars);
            var fault = new SoapFaultException(FaultCode.Sender, "bad value '" + text + "'", "ter:InvalidArgVal");
            var written = Encoding.UTF8.GetString(SoapEnvelopeWriter.Fault(fault));
            var read = XDocument.Parse(written).Descendants(XName.Get("Text", OnvifNamespaces.Soap12)).Single().Value;
            Assert.True(read.Length <= EchoedText.MaxReason + 64);
            Assert.True(EchoedText.Quote(text).Length <= EchoedText.MaxEcho + 40);
            Assert.All(EchoedText.XmlSafe(text).Where(c => !char.IsSurrogate(c)), c => Assert.True(XmlConvert.IsXmlChar(c)));
        }
    }

    [Fact]
    public async Task Durations_of_any_size_end_in_a_subscription_or_an_InvalidArgVal_fault()
    {
        var device = new TestDevice();
        var random = new Random(23);
        string[] shapes = ["P{0}D", "PT{0}S", "PT{0}H", "P{0}Y", "-P{0}D", "P{0}DT{0}H{0}M{0}.5S", "P{0}M"];
        for (var i = 0; i < 300; i++)
        {
            var magnitude = random.Next(5) switch
            {
                0 => random.Next(1, 100).ToString(),
                1 => random.NextInt64(1_000_000, 100_000_000).ToString(),
                2 => "9" + new string('9', random.Next(10, 30)),
                3 => long.MaxValue.ToString(),
                _ => random.Next(1, 40000).ToString(),
            };
            var duration = string.Format(shapes[random.Next(shapes.Length)], magnitude);
            var create = await device.CallAsync(
                $"<CreatePullPointSubscription xmlns=\"http://www.onvif.org/ver10/events/wsdl\"><InitialTerminationTime>{duration}</InitialTerminationTime></CreatePullPointSubscription>");
            Assert.True(create.Status is 200 or 400, $"{duration}: {create.Status} {create.Text}");
            if (create.Status == 400)
            {
                Assert.StartsWith("env:Sender ter:InvalidArgVal", create.FaultCodes);
                continue;
            }
            var address = new Uri(create.Value("Address"));
            var renew = await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(
                $"<Renew xmlns=\"http://docs.oasis-open.org/wsn/b-2\"><TerminationTime>{duration}</TerminationTime></Renew>",
                device.Token(TestDevice.Admin, TestDevice.AdminPassword))), address);
            Assert.True(renew.Status is 200, $"{duration}: {renew.Status} {renew.Text}");
            await device.PostRawAsync(Encoding.UTF8.GetBytes(TestDevice.Envelope(
                "<Unsubscribe xmlns=\"http://docs.oasis-open.org/wsn/b-2\"/>", device.Token(TestDevice.Admin, TestDevice.AdminPassword))), address);
        }
        Assert.Empty(device.Errors);
    }

    [Fact]
    public void Request_durations_beyond_a_year_are_InvalidArgVal_whatever_the_element()
    {
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var days = random.NextInt64(367, 10_000_000);
            var element = XElement.Parse($"<r><Timeout>P{days}D</Timeout><StayTime>PT{days * 86400}S</StayTime></r>");
            Assert.Equal(["ter:InvalidArgVal"], Assert.Throws<SoapFaultException>(() => element.ChildDuration("Timeout")).Subcodes);
            Assert.Equal(["ter:InvalidArgVal"], Assert.Throws<SoapFaultException>(() => element.ChildDuration("StayTime")).Subcodes);
        }
        Assert.Equal(TimeSpan.FromDays(366), XElement.Parse("<r><T>P366D</T></r>").ChildDuration("T"));
    }

    private static string[] Presets(PtzSoapRig rig) =>
        rig.Dome.GetPresets().Select(p => p.Token + "=" + p.Name + "@" + p.Pose).OrderBy(s => s, StringComparer.Ordinal).ToArray();

    [Fact]
    public void SetPreset_naming_a_token_that_does_not_exist_is_NoToken_and_changes_nothing()
    {
        using var rig = new PtzSoapRig();
        const string P1 = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
        var token = rig.Call("SetPreset", P1 + "<tptz:PresetName>Door</tptz:PresetName>").Descendants(PtzSoapHarness.Tptz + "PresetToken").Single().Value;
        var random = new Random(9);
        var before = Presets(rig);
        string[] pads = [" ", "  ", "\t", "\n", "\r\n", "&#160;", "&#x20;"];
        for (var i = 0; i < 200; i++)
        {
            var spelled = random.Next(3) switch
            {
                0 => pads[random.Next(pads.Length)] + token,
                1 => token + pads[random.Next(pads.Length)],
                _ => pads[random.Next(pads.Length)] + token + pads[random.Next(pads.Length)],
            };
            var named = random.Next(2) == 0 ? "" : "<tptz:PresetName>Other" + i + "</tptz:PresetName>";
            var codes = PtzSoapHarness.Fault(rig.Service.Operations, "SetPreset", P1 + $"<tptz:PresetToken>{spelled}</tptz:PresetToken>" + named);
            Assert.Equal("Sender/ter:InvalidArgVal/ter:NoToken", codes);
            Assert.Equal(before, Presets(rig));
        }
    }

    [Fact]
    public void Preset_names_with_control_characters_are_refused_and_change_nothing()
    {
        using var rig = new PtzSoapRig();
        const string P1 = "<tptz:ProfileToken>Profile_1</tptz:ProfileToken>";
        var random = new Random(11);
        for (var i = 0; i < 100; i++)
        {
            var c = (char)random.Next(0x7F, 0xA0); // C1 controls: legal in XML, not in a name
            var codes = PtzSoapHarness.Fault(rig.Service.Operations, "SetPreset", P1 + $"<tptz:PresetName>gate{c}{i}</tptz:PresetName>");
            Assert.Equal("Sender/ter:InvalidArgVal/ter:InvalidPresetName", codes);
            Assert.Empty(rig.Dome.GetPresets());
        }
    }
}
