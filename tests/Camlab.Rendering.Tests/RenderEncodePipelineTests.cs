using Camlab.Rendering;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Analysis;
using Camlab.Rendering.Geometry;

namespace Camlab.Rendering.Tests;

public class RenderEncodePipelineTests
{
    private static RenderRequest Frame(int n) =>
        new(PerspectiveProjection.FromHorizontalFov(320, 180, 60), new ViewPose(n * 7 % 360, -5), 320, 180)
        {
            SceneTime = TimeSpan.FromMilliseconds(40 * n),
            NoiseSeed = (ulong)n,
        };

    [Fact]
    public async Task Pipelined_frames_are_the_frames_rendered_and_encoded_one_after_the_other_in_order()
    {
        const int frames = 9;
        using var sequentialEncoder = new JpegEncoder(85);
        var expected = Enumerable.Range(0, frames).Select(n => sequentialEncoder.Encode(SceneFixture.Renderer.Render(Frame(n)))).ToList();

        using var encoder = new JpegEncoder(85);
        var received = new List<(int Frame, byte[] Jpeg)>();
        Task last = Task.CompletedTask;
        using (var pipeline = new RenderEncodePipeline(SceneFixture.Renderer, encoder, 320, 180))
        {
            for (int n = 0; n < frames; n++)
            {
                int frame = n;
                last = pipeline.Submit(Frame(n), picture => received.Add((frame, picture.Payload)));
            }
            await last;
        }
        Assert.Equal(Enumerable.Range(0, frames), received.Select(r => r.Frame));
        for (int n = 0; n < frames; n++) Assert.Equal(expected[n], received[n].Jpeg);
        // Consecutive poses differ, so two frames sharing a buffer by mistake would show here.
        Assert.NotEqual(expected[0], expected[1]);
    }

    [Fact]
    public async Task After_render_changes_the_pixels_that_are_encoded()
    {
        using var encoder = new JpegEncoder(85);
        using var decoder = new JpegDecoder();
        using var pipeline = new RenderEncodePipeline(SceneFixture.Renderer, encoder, 320, 180);
        byte[]? jpeg = null;
        await pipeline.Submit(Frame(1), j => jpeg = j.Payload, image => Array.Clear(image.Pixels));
        Assert.Equal(0, FrameStatistics.Compute(decoder.Decode(jpeg!)).MeanLuma, 1);
    }

    [Fact]
    public async Task A_failed_frame_faults_its_own_task_and_the_next_frame_still_completes()
    {
        using var encoder = new JpegEncoder(85);
        using var pipeline = new RenderEncodePipeline(SceneFixture.Renderer, encoder, 320, 180);
        var failed = pipeline.Submit(Frame(1), _ => throw new InvalidOperationException("sink failed"));
        byte[]? next = null;
        await pipeline.Submit(Frame(2), j => next = j.Payload);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.NotNull(next);
        // A wrong-size request is refused by the renderer on the caller, before anything is queued.
        Action wrongSize = () => pipeline.Submit(Frame(3) with { Width = 640, Height = 360 }, _ => { });
        Assert.Throws<ArgumentException>(wrongSize);
    }
}
