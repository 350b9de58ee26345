using Camlab.Device.Events;
using Camlab.Rendering;
using Camlab.Server.Streaming;
using Camlab.Testing;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Scenes;

namespace Camlab.Server.Tests.Streaming;

/// <summary>Analysis of rendered frames raises the Imaging tampering and motion properties on transitions only.</summary>
public sealed class SourceAnalyzerTests
{
    private static readonly ViewRenderer Renderer = new(DefaultScene.Create(2048));

    private sealed class Rig : IDisposable
    {
        public FakeTimeProvider Time { get; } = new();
        public TestViewState State { get; } = new();
        public EventBus Bus { get; } = new();
        public List<EventMessage> Messages { get; } = new();
        public SourceAnalyzer Analyzer { get; }
        public bool Needed { get; set; } = true;

        public Rig()
        {
            Bus.Subscribe(Messages.Add);
            Analyzer = new SourceAnalyzer("VideoSource_1", Renderer, State, new EventBusAnalysisReporter(Bus), Time, Time.GetUtcNow(), () => Needed, e => throw e, Timeout.InfiniteTimeSpan);
        }

        public void Step(double seconds = 0.5)
        {
            Time.Advance(seconds);
            Assert.True(Analyzer.AnalyseNow());
        }

        public List<EventMessage> Of(string topic) => Messages.Where(m => m.Topic == topic).ToList();

        public void Dispose() => Analyzer.Dispose();
    }

    private static bool State(EventMessage m) => m.Data.Single(d => d.Name == "State").Value == "true";

    [Fact]
    public void Every_property_is_initialized_once_with_the_video_source_as_Source()
    {
        using var rig = new Rig();
        rig.Step();
        rig.Step();
        foreach (var topic in new[] { "VideoSource/MotionAlarm", "VideoSource/ImageTooDark/ImagingService", "VideoSource/ImageTooBright/ImagingService",
                     "VideoSource/ImageTooBlurry/ImagingService", "VideoSource/GlobalSceneChange/ImagingService" })
        {
            var first = rig.Of(topic)[0];
            Assert.Equal(PropertyOperation.Initialized, first.Operation);
            Assert.Equal([new SimpleItem("Source", "VideoSource_1")], first.Source);
            Assert.DoesNotContain(rig.Of(topic).Skip(1), m => m.Operation == PropertyOperation.Initialized);
        }
        Assert.False(State(rig.Of("VideoSource/ImageTooDark/ImagingService")[0]));
        Assert.False(State(rig.Of("VideoSource/ImageTooBright/ImagingService")[0]));
        Assert.False(State(rig.Of("VideoSource/ImageTooBlurry/ImagingService")[0]));
    }

    [Fact]
    public void Underexposure_raises_ImageTooDark_and_restoring_clears_it()
    {
        using var rig = new Rig();
        rig.Step();
        rig.State.Imaging = ImagingParameters.Neutral with { ExposureTimeUs = 200 };
        rig.Step();
        rig.Step();
        rig.State.Imaging = ImagingParameters.Neutral;
        rig.Step();
        var dark = rig.Of("VideoSource/ImageTooDark/ImagingService");
        Assert.Equal([false, true, false], dark.Select(State));
        Assert.Equal([PropertyOperation.Initialized, PropertyOperation.Changed, PropertyOperation.Changed], dark.Select(m => m.Operation!.Value));
    }

    [Fact]
    public void Overexposure_raises_ImageTooBright()
    {
        using var rig = new Rig();
        rig.Step();
        rig.State.Imaging = ImagingParameters.Neutral with { ExposureTimeUs = 400_000 };
        rig.Step();
        Assert.Equal([false, true], rig.Of("VideoSource/ImageTooBright/ImagingService").Select(State));
    }

    [Fact]
    public void Defocus_raises_ImageTooBlurry()
    {
        using var rig = new Rig();
        rig.Step();
        rig.State.Imaging = ImagingParameters.Neutral with { FocusDioptres = 5, ApertureDiameterMm = 40 };
        rig.Step();
        Assert.Equal([false, true], rig.Of("VideoSource/ImageTooBlurry/ImagingService").Select(State));
        Assert.True(rig.Analyzer.Latest.Focus > 0);
    }

    [Fact]
    public void Moving_objects_raise_MotionAlarm_and_an_empty_sky_does_not()
    {
        using var sky = new Rig();
        sky.State.Pose = new ViewPose(0, 60);
        for (int i = 0; i < 4; i++) sky.Step();
        Assert.All(sky.Of("VideoSource/MotionAlarm"), m => Assert.False(State(m)));
        Assert.Equal(0u, sky.Analyzer.Latest.Amount);

        // The walker crosses the north-east at 15 m (bearing 20 ± 15°, period 20 s): in the default view.
        using var ground = new Rig();
        ground.Step(5);
        ground.Step(0.5);
        Assert.Contains(ground.Of("VideoSource/MotionAlarm"), State);
        Assert.True(ground.Analyzer.Latest.Amount > 0);
    }

    [Fact]
    public void Pointing_elsewhere_is_a_global_scene_change_until_relearnt()
    {
        using var rig = new Rig();
        rig.State.Pose = new ViewPose(0, 60);
        rig.Step();
        rig.State.Pose = new ViewPose(180, -30);
        rig.Step();
        Assert.Equal([false, true], rig.Of("VideoSource/GlobalSceneChange/ImagingService").Select(State));
        rig.Step(SourceAnalyzer.SceneRelearn.TotalSeconds);
        Assert.Equal([false, true, false], rig.Of("VideoSource/GlobalSceneChange/ImagingService").Select(State));
    }

    [Fact]
    public void Nothing_is_analysed_while_no_one_streams_or_subscribes()
    {
        using var rig = new Rig { Needed = false };
        rig.Time.Advance(1);
        Assert.False(rig.Analyzer.AnalyseNow());
        Assert.Empty(rig.Messages);
    }
}
