using System.Text;
using Camlab.Server.Streaming;
using Camlab.Testing.Fuzz;

namespace Camlab.Server.Tests.Fuzz;

/// <summary>Fuzz target: the stream API's JSON bodies (POST and PATCH). Every mutated body becomes settings that validate, or a <see cref="StreamRequestException"/> naming a field.</summary>
public sealed class StreamJsonFuzzTests
{
    [Fact]
    public void Mutated_stream_bodies_are_settings_or_a_named_refusal()
    {
        string[] corpus =
        [
            "{\"profile\":\"Profile_1\",\"width\":640,\"height\":360,\"fps\":15,\"quality\":80}",
            "{\"mode\":\"live\",\"profile\":\"Profile_2\",\"crop\":{\"SrcLeft\":0,\"SrcTop\":0,\"SrcRight\":960,\"SrcBottom\":540}}",
            "{\"fps\":5,\"crop\":null}",
        ];
        string[] tokens = ["1e-320", "1e308", "-0", "NaN", "\"fps\":", "\"width\":", "{", "}", "[", "]", "null", "true", "\"\\ud800\"", "\u00ff", "2147483648", "0.0999"];
        var defaults = new StreamSettings(1920, 1080, 25, 80, null);
        new Fuzzer(corpus.Select(Encoding.UTF8.GetBytes), tokens).Run(seed: 4004, input =>
        {
            foreach (var parse in new Func<ReadOnlyMemory<byte>, Func<StreamSettings, StreamSettings>>[] { b => StreamRequestJson.ParsePost(b).Apply, StreamRequestJson.ParsePatch })
            {
                try
                {
                    var settings = parse(input)(defaults);
                    settings.Validate(1920, 1080);
                    Assert.True(StreamSettings.IsFps(settings.Fps));
                    _ = new FrameSink(settings.Fps);
                }
                catch (StreamRequestException e)
                {
                    Assert.NotNull(e.Field);
                    Assert.False(string.IsNullOrEmpty(e.Message));
                }
            }
        });
    }
}
