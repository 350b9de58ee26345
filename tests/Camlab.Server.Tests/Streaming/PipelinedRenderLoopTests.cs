using Camlab.Rendering.Encoding;
using Camlab.Rendering;
using Camlab.Server.Streaming;
using Camlab.Testing;
using Camlab.Rendering.Scenes;

namespace Camlab.Server.Tests.Streaming;

/// <summary>
/// The render loop renders a frame while the previous one is still encoding (RenderEncodePipeline): the viewers must
/// still get every frame once, in order, each with its own picture and render-time facts.
/// </summary>
public sealed class PipelinedRenderLoopTests
{
    [Fact]
    public async Task Frames_reach_a_viewer_in_order_each_once_with_its_own_picture()
    {
        var time = new FakeTimeProvider();
        var state = new TestViewState();
        using var hub = new RenderHub(new ViewRenderer(DefaultScene.Create(1024)), state,
            new EventBusAnalysisReporter(new Device.Events.EventBus()), time, ["VideoSource_1"], () => false, e => throw e);
        var key = new RenderKey("VideoSource_1", 160, 90, null, VideoCodec.Jpeg, 60);
        var viewer = new FrameSink(25, capacity: 64);
        var frames = new List<EncodedFrame>();
        using (hub.Subscribe(key, viewer))
        {
            while (frames.Count < 20)
            {
                // Ticks come faster than a frame period here, so renders overlap encodes whenever the machine allows.
                time.Advance(0.04);
                while (viewer.TryRead(out var frame)) frames.Add(frame);
                await Task.Delay(1);
            }
        }
        for (int i = 1; i < frames.Count; i++)
        {
            Assert.True(frames[i].Sequence > frames[i - 1].Sequence, $"frame {i}: sequence {frames[i].Sequence} after {frames[i - 1].Sequence}");
            Assert.True(frames[i].CaptureTime >= frames[i - 1].CaptureTime);
            // A new noise seed per frame: no two frames share a picture (a reused buffer would repeat one).
            Assert.False(frames[i].Payload.AsSpan().SequenceEqual(frames[i - 1].Payload), $"frames {i - 1} and {i} are the same picture");
        }
        Assert.Equal(frames.Count, frames.Select(f => f.Sequence).Distinct().Count());
    }
}
