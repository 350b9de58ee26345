using Camlab.Device.Imaging;

namespace Camlab.Device.Tests.Imaging;

public class ImagingPresetTests
{
    private static readonly string[] SchemaTypes =
    [
        "Custom", "ClearWeather", "Cloudy", "Fog", "Rain", "Snowing", "Snow", "WDR", "Shade", "Night", "Indoor", "Fluorescent",
        "Incandescent", "Sodium(Natrium)", "Sunrise(Horizon)", "Sunset(Rear)", "ExtremeHot", "ExtremeCold", "Underwater", "CloseUp",
        "Motion", "FlickerFree50", "FlickerFree60",
    ];

    [Theory]
    [InlineData(ImagingFixture.Dome)]
    [InlineData(ImagingFixture.Wide)]
    public void Every_source_offers_distinct_valid_presets_for_typical_scenes(string token)
    {
        var source = new ImagingFixture().Imaging.Source(token);
        var presets = source.Presets;
        foreach (var name in new[] { "Default", "Indoor", "Outdoor", "Night", "Backlight", "Fog" })
            Assert.Contains(presets, p => p.Name == name);
        foreach (var p in presets)
        {
            Assert.Contains(p.Type, SchemaTypes);
            ImagingSettingsValidator.Validate(p.Settings, source.Options);
            Assert.Single(presets, q => q.Settings.SameAs(p.Settings));
        }
        Assert.Equal(presets.Count, presets.Select(p => p.Token).Distinct().Count());
    }

    [Fact]
    public void Factory_settings_are_the_default_preset()
    {
        var source = new ImagingFixture().DomeSource;
        Assert.Equal("Preset_Default", source.CurrentPreset?.Token);
    }

    [Fact]
    public void SetCurrentPreset_applies_the_preset_and_it_becomes_current()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetCurrentPreset("Preset_Fog");
        Assert.Equal(new Defogging(DefoggingMode.ON, 0.8f), source.Settings.Defogging);
        Assert.Equal("Preset_Fog", source.CurrentPreset!.Token);
        Assert.Equal("Fog", source.CurrentPreset.Type);
        Assert.Equal("Preset_Fog", fixture.Create().Source(ImagingFixture.Dome).CurrentPreset?.Token);
    }

    [Fact]
    public void An_unknown_preset_token_is_rejected_and_changes_nothing()
    {
        var source = new ImagingFixture().DomeSource;
        var before = source.Settings;
        var ex = ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetCurrentPreset("Preset_Moon"));
        Assert.Equal("PresetToken", ex.Field);
        Assert.True(before.SameAs(source.Settings));
    }

    [Fact]
    public void Without_adaptable_presets_a_change_leaves_the_presets_and_current_becomes_empty()
    {
        var source = new ImagingFixture(adaptablePreset: false).DomeSource;
        source.SetCurrentPreset("Preset_Night");
        source.SetSettings(new() { Brightness = 77f });
        Assert.Null(source.CurrentPreset);
        Assert.Equal(50f, source.Presets.Single(p => p.Token == "Preset_Night").Settings.Brightness);
        // Setting the values back matches the preset again.
        source.SetSettings(new() { Brightness = 50f });
        Assert.Equal("Preset_Night", source.CurrentPreset?.Token);
    }

    [Fact]
    public void With_adaptable_presets_SetImagingSettings_updates_the_active_preset_and_it_persists()
    {
        var fixture = new ImagingFixture();
        var source = fixture.DomeSource;
        source.SetCurrentPreset("Preset_Night");
        source.SetSettings(new() { Brightness = 77f });
        Assert.Equal("Preset_Night", source.CurrentPreset?.Token);
        Assert.Equal(77f, source.Presets.Single(p => p.Token == "Preset_Night").Settings.Brightness);
        Assert.Equal(55f, source.Presets.Single(p => p.Token == "Preset_Indoor").Settings.Brightness);

        // Leave and come back: the preset keeps the adapted value.
        source.SetCurrentPreset("Preset_Indoor");
        source.SetCurrentPreset("Preset_Night");
        Assert.Equal(77f, source.Settings.Brightness);

        var restarted = fixture.Create().Source(ImagingFixture.Dome);
        Assert.Equal(77f, restarted.Presets.Single(p => p.Token == "Preset_Night").Settings.Brightness);
        Assert.Equal("Preset_Night", restarted.CurrentPreset?.Token);
    }

    [Fact]
    public void An_invalid_update_does_not_adapt_the_active_preset()
    {
        var source = new ImagingFixture().DomeSource;
        source.SetCurrentPreset("Preset_Outdoor");
        ImagingAssert.Throws(ImagingError.SettingsInvalid, () => source.SetSettings(new() { Brightness = 77f, Contrast = -1f }));
        Assert.Equal(50f, source.Presets.Single(p => p.Token == "Preset_Outdoor").Settings.Brightness);
    }

    [Fact]
    public void A_manual_focus_move_turns_auto_focus_off_so_no_preset_matches_any_more()
    {
        var source = new ImagingFixture().DomeSource;
        source.SetCurrentPreset("Preset_Indoor");
        source.Move(new FocusMove(Absolute: new AbsoluteFocus(0.5f)));
        Assert.Equal(AutoFocusMode.MANUAL, source.Settings.Focus!.AutoFocusMode);
        Assert.Null(source.CurrentPreset);
        Assert.Equal(AutoFocusMode.AUTO, source.Presets.Single(p => p.Token == "Preset_Indoor").Settings.Focus!.AutoFocusMode);
    }
}
