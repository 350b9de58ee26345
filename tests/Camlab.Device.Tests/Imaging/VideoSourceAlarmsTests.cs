using Camlab.Device.Events;
using Camlab.Device.Imaging;
using Camlab.Testing;

namespace Camlab.Device.Tests.Imaging;

public class VideoSourceAlarmsTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly EventBus _bus = new();
    private readonly List<EventMessage> _published = new();
    private readonly VideoSourceAlarms _alarms;

    public VideoSourceAlarmsTests()
    {
        _bus.Subscribe(_published.Add);
        _alarms = new VideoSourceAlarms(_bus, _clock, ["VideoSource_1", "VideoSource_2", "VideoSource_3"], ["VideoSource_1", "VideoSource_2"]);
    }

    [Fact]
    public void Start_initialises_every_property_once()
    {
        Assert.Empty(_published);
        _alarms.Start();
        Assert.Equal(6 + 6 + 2, _published.Count);
        Assert.All(_published, m => Assert.Equal(PropertyOperation.Initialized, m.Operation));
        Assert.All(_published, m => Assert.Equal(new SimpleItem("State", "false"), Assert.Single(m.Data)));
        Assert.Contains(_published, m => m.Topic == "VideoSource/ImageTooBlurry/ImagingService" && m.Source.Single() == new SimpleItem("Source", "VideoSource_2"));
        Assert.Contains(_published, m => m.Topic == "VideoSource/SignalLoss" && m.Source.Single().Value == "VideoSource_3");
        Assert.DoesNotContain(_published, m => m.Topic.EndsWith("/ImagingService") && m.Source.Single().Value == "VideoSource_3");
        _alarms.Start();
        Assert.Equal(14, _published.Count);
        Assert.Equal(14, _bus.CurrentProperties(_clock.GetUtcNow()).Count);
    }

    [Fact]
    public void Forcing_publishes_Changed_on_transitions_only()
    {
        _alarms.Start();
        _published.Clear();
        _clock.Advance(3);
        _alarms.ForceCondition("VideoSource_1", VideoSourceCondition.ImageTooDark, true);
        var m = Assert.Single(_published);
        Assert.Equal("VideoSource/ImageTooDark/ImagingService", m.Topic);
        Assert.Equal(PropertyOperation.Changed, m.Operation);
        Assert.Equal(new SimpleItem("State", "true"), m.Data.Single());
        Assert.Equal(_clock.GetUtcNow(), m.UtcTime);
        _alarms.ForceCondition("VideoSource_1", VideoSourceCondition.ImageTooDark, true);
        Assert.Single(_published);
        Assert.True(_alarms.State("VideoSource_1", VideoSourceCondition.ImageTooDark));
        _alarms.ClearForcedCondition("VideoSource_1", VideoSourceCondition.ImageTooDark);
        Assert.Equal(2, _published.Count);
        Assert.Equal("false", _published[1].Data.Single().Value);
    }

    [Fact]
    public void A_forced_state_overrides_detection_until_cleared()
    {
        _alarms.Start();
        _published.Clear();
        _alarms.ForceCondition("VideoSource_2", VideoSourceCondition.MotionAlarm, false);
        _alarms.ReportDetected("VideoSource_2", VideoSourceCondition.MotionAlarm, true);
        Assert.Empty(_published);
        var snapshot = _alarms.Snapshot().Single(s => s.Source == "VideoSource_2" && s.Condition == VideoSourceCondition.MotionAlarm);
        Assert.Equal((false, (bool?)false, true), (snapshot.State, snapshot.Forced, snapshot.Detected));
        _alarms.ClearForcedCondition("VideoSource_2", VideoSourceCondition.MotionAlarm);
        Assert.Equal("true", Assert.Single(_published).Data.Single().Value);
        _alarms.ReportDetected("VideoSource_2", VideoSourceCondition.MotionAlarm, false);
        Assert.Equal(2, _published.Count);
    }

    [Fact]
    public void Conditions_forced_before_start_are_published_as_their_initial_state()
    {
        _alarms.ForceCondition("VideoSource_1", VideoSourceCondition.SignalLoss, true);
        Assert.Empty(_published);
        _alarms.Start();
        var m = _published.Single(p => p.Topic == "VideoSource/SignalLoss" && p.Source.Single().Value == "VideoSource_1");
        Assert.Equal((PropertyOperation.Initialized, "true"), (m.Operation!.Value, m.Data.Single().Value));
    }

    [Fact]
    public void ClearAll_releases_every_forced_condition()
    {
        _alarms.Start();
        _alarms.ForceCondition("VideoSource_1", VideoSourceCondition.GlobalSceneChange, true);
        _alarms.ForceCondition("VideoSource_3", VideoSourceCondition.SignalLoss, true);
        _published.Clear();
        _alarms.ClearAllForcedConditions();
        Assert.Equal(2, _published.Count);
        Assert.All(_alarms.Snapshot(), s => Assert.Null(s.Forced));
    }

    [Fact]
    public void Unknown_sources_and_imaging_topics_of_a_source_without_imaging_are_refused()
    {
        ImagingAssert.Throws(ImagingError.NoSource, () => _alarms.ForceCondition("VideoSource_9", VideoSourceCondition.MotionAlarm, true));
        ImagingAssert.Throws(ImagingError.NoImagingForSource, () => _alarms.ForceCondition("VideoSource_3", VideoSourceCondition.ImageTooBright, true));
    }

    [Theory]
    [InlineData("imagetooblurry", VideoSourceCondition.ImageTooBlurry)]
    [InlineData("MotionAlarm", VideoSourceCondition.MotionAlarm)]
    public void Condition_names_parse_case_insensitively(string name, VideoSourceCondition expected) =>
        Assert.Equal(expected, VideoSourceAlarms.ParseCondition(name));

    [Fact]
    public void A_wrong_condition_name_lists_the_valid_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => VideoSourceAlarms.ParseCondition("TooBlue"));
        Assert.Contains("ImageTooBlurry", ex.Message);
        Assert.Throws<ArgumentException>(() => VideoSourceAlarms.ParseCondition("7"));
    }
}

public class ForcedConditionTests
{
    [Theory]
    [InlineData("VideoSource_1/ImageTooDark=true", "VideoSource_1", VideoSourceCondition.ImageTooDark, true)]
    [InlineData(" VideoSource_2 / motionalarm = off ", "VideoSource_2", VideoSourceCondition.MotionAlarm, false)]
    [InlineData("VideoSource_1/SignalLoss=auto", "VideoSource_1", VideoSourceCondition.SignalLoss, null)]
    public void Parses_the_config_and_cli_form(string text, string source, VideoSourceCondition condition, bool? state)
    {
        var parsed = ForcedCondition.Parse(text);
        Assert.Equal(new ForcedCondition(source, condition, state), parsed);
        Assert.Equal(parsed, ForcedCondition.Parse(parsed.ToString()));
    }

    [Theory]
    [InlineData("VideoSource_1")]
    [InlineData("/ImageTooDark=true")]
    [InlineData("VideoSource_1/ImageTooDark")]
    [InlineData("VideoSource_1/ImageTooDark=")]
    [InlineData("VideoSource_1/TooBlue=true")]
    [InlineData("VideoSource_1/ImageTooDark=maybe")]
    public void Rejects_malformed_instructions(string text) =>
        Assert.Throws<FormatException>(() => ForcedCondition.Parse(text));

    [Fact]
    public void Applies_and_releases()
    {
        var alarms = new VideoSourceAlarms(new Camlab.Device.Events.EventBus(), new Camlab.Testing.FakeTimeProvider(), ["VideoSource_1"], ["VideoSource_1"]);
        ForcedCondition.Parse("VideoSource_1/ImageTooBright=true").ApplyTo(alarms);
        Assert.True(alarms.State("VideoSource_1", VideoSourceCondition.ImageTooBright));
        ForcedCondition.Parse("VideoSource_1/ImageTooBright=auto").ApplyTo(alarms);
        Assert.False(alarms.State("VideoSource_1", VideoSourceCondition.ImageTooBright));
        Assert.Null(alarms.Snapshot().Single(s => s.Condition == VideoSourceCondition.ImageTooBright).Forced);
    }
}
