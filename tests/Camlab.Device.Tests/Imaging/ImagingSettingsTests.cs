using Camlab.Device.Imaging;

namespace Camlab.Device.Tests.Imaging;

public class ImagingSettingsTests
{
    [Fact]
    public void One_bad_field_among_many_leaves_every_field_and_the_stored_document_unchanged()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSettings(new() { Brightness = 60f }); // something stored to compare against
        var before = source.Settings;
        var stored = fixture.Store.Read("imaging/VideoSource_1.json");
        var update = new ImagingSettings
        {
            Brightness = 10f,
            Contrast = 20f,
            ColorSaturation = 30f,
            Sharpness = 40f,
            IrCutFilter = IrCutFilterMode.ON,
            WideDynamicRange = new(WideDynamicMode.ON, 80f),
            Exposure = new(ExposureMode.MANUAL, ExposureTime: 2000f, Gain: 6f),
            NoiseReduction = new(1.5f), // the only invalid value
            Defogging = new(DefoggingMode.ON, 0.2f),
        };
        var ex = ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetSettings(update));
        Assert.Equal("NoiseReduction/Level", ex.Field);
        Assert.Contains("1.5", ex.Message);
        Assert.True(before.SameAs(source.Settings));
        Assert.Equal(60f, source.Settings.Brightness);
        Assert.Equal(stored, fixture.Store.Read("imaging/VideoSource_1.json"));
    }

    [Fact]
    public void A_partial_update_keeps_every_parameter_it_does_not_carry()
    {
        var source = new ImagingFixture().DomeSource;
        var before = source.Settings;
        source.SetSettings(new() { Exposure = new(ExposureMode.MANUAL), Brightness = 70f });
        var after = source.Settings;
        Assert.Equal(ExposureMode.MANUAL, after.Exposure!.Mode);
        Assert.Equal(before.Exposure!.MaxExposureTime, after.Exposure.MaxExposureTime);
        Assert.Equal(before.Exposure.Window, after.Exposure.Window);
        Assert.Equal(70f, after.Brightness);
        Assert.Equal(before.Contrast, after.Contrast);
        Assert.True(before.NoiseReduction == after.NoiseReduction && before.Defogging == after.Defogging);
    }

    [Fact]
    public void Settings_persist_and_a_new_camera_on_the_same_store_restores_them()
    {
        var fixture = new ImagingFixture();
        fixture.DomeSource.SetSettings(new() { Sharpness = 12f, ImageStabilization = new(ImageStabilizationMode.AUTO, 30f) });
        var restored = fixture.Create().Source(ImagingFixture.Dome).Settings;
        Assert.Equal(12f, restored.Sharpness);
        Assert.Equal(new ImageStabilization(ImageStabilizationMode.AUTO, 30f), restored.ImageStabilization);
        Assert.True(fixture.DomeSource.Settings.SameAs(restored));
        Assert.Contains("\"AUTO\"", fixture.Store.Read("imaging/VideoSource_1.json"));
    }

    [Fact]
    public void A_stored_document_with_an_invalid_value_is_reported_with_its_name_and_field()
    {
        var fixture = new ImagingFixture();
        fixture.Store.Write("imaging/VideoSource_1.json", "{\"Settings\":{\"Brightness\":150}}");
        var ex = Assert.Throws<InvalidDataException>(() => fixture.Create());
        Assert.Contains("imaging/VideoSource_1.json", ex.Message);
        Assert.Contains("Brightness", ex.Message);
        fixture.Store.Write("imaging/VideoSource_1.json", "{not json");
        Assert.Contains("imaging/VideoSource_1.json", Assert.Throws<InvalidDataException>(() => fixture.Create()).Message);
    }

    [Fact]
    public void Unknown_token_and_source_without_imaging_are_told_apart()
    {
        var imaging = new ImagingFixture().Imaging;
        ImagingAssert.Throws(ImagingError.NoSource, () => imaging.Source("VideoSource_9"));
        ImagingAssert.Throws(ImagingError.NoImagingForSource, () => imaging.Source(ImagingFixture.Analog));
        Assert.Equal([ImagingFixture.Dome, ImagingFixture.Wide, ImagingFixture.Analog], imaging.VideoSources);
        Assert.Equal([ImagingFixture.Dome, ImagingFixture.Wide], imaging.ImagingSources);
    }

    [Fact]
    public void Capabilities_follow_the_sources()
    {
        var imaging = new ImagingFixture().Imaging;
        Assert.True(imaging.ImageStabilization);
        Assert.True(imaging.Presets);
        Assert.True(imaging.AdaptablePreset);
        Assert.False(new ImagingFixture(adaptablePreset: false).Imaging.AdaptablePreset);
    }

    [Fact]
    public void Definitions_whose_factory_settings_leave_the_options_are_refused()
    {
        var dome = DefaultImagingSources.CreateDome();
        var broken = dome with { FactorySettings = dome.FactorySettings! with { Brightness = 101f } };
        var ex = Assert.Throws<ArgumentException>(() => new CameraImaging([broken], new Camlab.Device.State.InMemoryStateStore(), new Camlab.Testing.FakeTimeProvider()));
        Assert.Contains("Brightness", ex.Message);
    }
}

public class ImagingPersistenceFailureTests
{
    private sealed class FailingStore : Camlab.Device.State.IStateStore
    {
        public bool Fail;
        private readonly Camlab.Device.State.InMemoryStateStore _inner = new();
        public string? Read(string name) => _inner.Read(name);
        public void Write(string name, string content) { if (Fail) throw new IOException("disk full"); _inner.Write(name, content); }
        public void Delete(string name) => _inner.Delete(name);
    }

    [Fact]
    public void A_store_that_fails_leaves_the_settings_and_presets_unchanged()
    {
        var store = new FailingStore();
        var source = new CameraImaging(DefaultImagingSources.Create(), store, new Camlab.Testing.FakeTimeProvider()).Source("VideoSource_1");
        source.SetCurrentPreset("Preset_Night");
        var before = source.Settings;
        store.Fail = true;
        Assert.Throws<IOException>(() => source.SetSettings(new() { Brightness = 80f }));
        Assert.Throws<IOException>(() => source.SetCurrentPreset("Preset_Fog"));
        Assert.True(before.SameAs(source.Settings));
        Assert.Equal(50f, source.Presets.Single(p => p.Token == "Preset_Night").Settings.Brightness);
        Assert.Equal("Preset_Night", source.CurrentPreset?.Token);
    }
}

public class ImagingRebootTests
{
    [Fact]
    public void Reload_reads_the_stored_state_and_halts_the_focus_motor()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSettings(new() { Brightness = 70f });
        var stored = fixture.Store.Read("imaging/VideoSource_1.json")!;
        source.SetCurrentPreset("Preset_Night");
        source.InjectFocusMotorFault("stall");
        fixture.Store.Write("imaging/VideoSource_1.json", stored); // the disk as it was before the preset

        fixture.Imaging.Reload();
        Assert.Equal(70f, source.Settings.Brightness);
        Assert.Equal(FocusMoveStatus.IDLE, source.FocusStatus!.MoveStatus);

        source.Move(new FocusMove(Continuous: new ContinuousFocus(0.5f)));
        fixture.Clock.Advance(0.1);
        var p = source.FocusStatus!.Position;
        fixture.Imaging.Reload();
        fixture.Clock.Advance(1);
        Assert.Equal(p, source.FocusStatus!.Position); // manual focus: the lens stays where the power cut left it
    }

    [Fact]
    public void Reload_with_a_corrupt_document_throws_and_keeps_the_running_state()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetSettings(new() { Brightness = 70f });
        fixture.Store.Write("imaging/VideoSource_1.json", "{\"Settings\":{\"Contrast\":-5}}");
        Assert.Throws<InvalidDataException>(fixture.Imaging.Reload);
        Assert.Equal(70f, source.Settings.Brightness);
        Assert.Equal("Preset_Default", source.Presets[0].Token);
    }
}
