using Camlab.Server.Tests.Streaming;

namespace Camlab.Server.Tests.Media2;

public class CaptureMaskExamples
{
    [RequiresVideoFact]
    public async Task Capture()
    {
        await using var rig = await StreamingRig.StartAsync(steerable: false);
        var media2 = new Media2Endpoint(rig.Server, rig.Server.Host.Cameras[0]);
        const string Tr2 = Media2Endpoint.Tr2, Tt = Media2Endpoint.Tt;
        var output = new List<string>();
        async Task Run(string body)
        {
            var a = await media2.CallAsync(body);
            output.Add("REQUEST: " + body);
            output.Add("RESPONSE: " + a.Text);
        }
        await Run($"<tr2:GetMaskOptions xmlns:tr2=\"{Tr2}\"><tr2:ConfigurationToken>VideoSourceConfig_1</tr2:ConfigurationToken></tr2:GetMaskOptions>");
        await Run($"<tr2:CreateMask xmlns:tr2=\"{Tr2}\" xmlns:tt=\"{Tt}\"><tr2:Mask><tr2:ConfigurationToken>VideoSourceConfig_1</tr2:ConfigurationToken><tr2:Polygon><tt:Point x=\"-0.2\" y=\"0.3\"/><tt:Point x=\"0.2\" y=\"0.3\"/><tt:Point x=\"0.2\" y=\"-0.3\"/><tt:Point x=\"-0.2\" y=\"-0.3\"/></tr2:Polygon><tr2:Type>Color</tr2:Type><tr2:Enabled>true</tr2:Enabled></tr2:Mask></tr2:CreateMask>");
        await Run($"<tr2:GetMasks xmlns:tr2=\"{Tr2}\"/>");
        await Run($"<tr2:CreateMask xmlns:tr2=\"{Tr2}\" xmlns:tt=\"{Tt}\"><tr2:Mask><tr2:ConfigurationToken>VideoSourceConfig_1</tr2:ConfigurationToken><tr2:Polygon><tt:Point x=\"0\" y=\"0\"/><tt:Point x=\"1.5\" y=\"0\"/><tt:Point x=\"0\" y=\"1\"/></tr2:Polygon><tr2:Type>Color</tr2:Type><tr2:Enabled>true</tr2:Enabled></tr2:Mask></tr2:CreateMask>");
        using var admin = Imaging.FaultApiTests.Client(rig.Server, "admin", ServerHarness.AdminPassword);
        output.Add("API: " + await admin.GetStringAsync("/api/v1/cameras/1/privacy-masks/VideoSource_1"));
        File.WriteAllLines("/tmp/mask-examples.txt", output);
    }
}
