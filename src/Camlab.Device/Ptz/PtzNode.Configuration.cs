namespace Camlab.Device.Ptz;

// PTZ 5.2.4 / 5.2.5: options and validated, persisted SetConfiguration.
public sealed partial class PtzNode
{
    /// <summary>GetConfigurationOptions (5.2.4).</summary>
    public PtzConfigurationOptions ConfigurationOptions
    {
        get
        {
            lock (_gate)
            {
                var m = Definition.Mechanics;
                var dome = Definition.Kind == PtzNodeKind.MechanicalDome;
                return new PtzConfigurationOptions(
                    _geometry.Spaces, m.TimeoutMin, m.TimeoutMax, Enumerable.Range(1, m.RampCount).ToList(),
                    dome ? [EFlipMode.Off, EFlipMode.On] : [],
                    dome ? [ReverseMode.Off, ReverseMode.On] : []);
            }
        }
    }

    /// <summary>
    /// SetConfiguration (5.2.5): the whole configuration is checked against the node (ConfigModify naming the first
    /// offending field), written to the store, and only then applied. Motion in progress continues.
    /// </summary>
    public void SetConfiguration(PtzConfiguration configuration)
    {
        var notes = new List<Action>();
        lock (_gate)
        {
            if (configuration.Token != _configuration.Token)
                throw new PtzException(PtzError.NoConfig, $"configuration '{configuration.Token}' does not belong to node {Token}");
            var geometry = Validate(configuration);
            ObserveLocked(notes);
            _store.Write(ConfigurationDocument, PtzPersistence.Serialize(configuration));
            _configuration = configuration;
            _geometry = geometry;
            ObserveLocked(notes); // e-flip switched on or off applies to the current pose at once
        }
        Dispatch(notes);
        ConfigurationChanged?.Invoke(configuration.Token);
    }

    /// <summary>Raised with the configuration token after <see cref="SetConfiguration"/> has stored a new configuration.</summary>
    public event Action<string>? ConfigurationChanged;

    /// <summary>Checks a configuration for this node and returns the geometry it implies.</summary>
    public PtzGeometry Validate(PtzConfiguration c)
    {
        static PtzException Bad(string why) => new(PtzError.ConfigModify, why);
        if (c.NodeToken != Token) throw Bad($"NodeToken cannot be changed (is {Token})");
        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 64) throw Bad("Name must be 1 to 64 characters");
        var dome = Definition.Kind == PtzNodeKind.MechanicalDome;
        if (!dome && c.EFlip != EFlipMode.Off) throw Bad("EFlip is not supported by a digital node");
        if (!dome && c.Reverse != ReverseMode.Off) throw Bad("Reverse is not supported by a digital node");
        var geometry = CreateGeometry(c);

        void Space(string? uri, PtzSpaceGroup group, string field)
        {
            if (uri is not null && geometry.Find(uri, group) is null) throw Bad($"{field} '{uri}' is not a {group} space of node {Token}");
        }
        Space(c.DefaultAbsolutePanTiltPositionSpace, PtzSpaceGroup.AbsolutePanTiltPosition, "DefaultAbsolutePantTiltPositionSpace");
        Space(c.DefaultAbsoluteZoomPositionSpace, PtzSpaceGroup.AbsoluteZoomPosition, "DefaultAbsoluteZoomPositionSpace");
        Space(c.DefaultRelativePanTiltTranslationSpace, PtzSpaceGroup.RelativePanTiltTranslation, "DefaultRelativePanTiltTranslationSpace");
        Space(c.DefaultRelativeZoomTranslationSpace, PtzSpaceGroup.RelativeZoomTranslation, "DefaultRelativeZoomTranslationSpace");
        Space(c.DefaultContinuousPanTiltVelocitySpace, PtzSpaceGroup.ContinuousPanTiltVelocity, "DefaultContinuousPanTiltVelocitySpace");
        Space(c.DefaultContinuousZoomVelocitySpace, PtzSpaceGroup.ContinuousZoomVelocity, "DefaultContinuousZoomVelocitySpace");

        if (c.DefaultSpeed.PanTilt is { } pts)
        {
            var space = geometry.Find(pts.Space ?? PtzSpaces.PanTiltSpeedGeneric, PtzSpaceGroup.PanTiltSpeed)
                ?? throw Bad($"DefaultPTZSpeed/PanTilt space '{pts.Space}' is not a pan/tilt speed space of node {Token}");
            if (!space.XRange.Contains(pts.X)) throw Bad($"DefaultPTZSpeed/PanTilt {pts.X} is outside [{space.XRange.Min}, {space.XRange.Max}]");
        }
        if (c.DefaultSpeed.Zoom is { } zs)
        {
            var space = geometry.Find(zs.Space ?? PtzSpaces.ZoomSpeedGeneric, PtzSpaceGroup.ZoomSpeed)
                ?? throw Bad($"DefaultPTZSpeed/Zoom space '{zs.Space}' is not a zoom speed space of node {Token}");
            if (!space.XRange.Contains(zs.X)) throw Bad($"DefaultPTZSpeed/Zoom {zs.X} is outside [{space.XRange.Min}, {space.XRange.Max}]");
        }
        var m = Definition.Mechanics;
        if (c.DefaultTimeout < m.TimeoutMin || c.DefaultTimeout > m.TimeoutMax)
            throw Bad($"DefaultPTZTimeout {c.DefaultTimeout} is outside [{m.TimeoutMin}, {m.TimeoutMax}]");

        if (c.PanTiltLimits is { } ptl)
        {
            var space = geometry.Find(ptl.Space, PtzSpaceGroup.AbsolutePanTiltPosition)
                ?? throw Bad($"PanTiltLimits space '{ptl.Space}' is not an absolute pan/tilt space of node {Token}");
            if (ptl.Y is not { } y) throw Bad("PanTiltLimits needs a YRange");
            CheckLimitRange(ptl.X, space.XRange, "PanTiltLimits/XRange");
            CheckLimitRange(y, space.YRange!.Value, "PanTiltLimits/YRange");
        }
        if (c.ZoomLimits is { } zl)
        {
            var space = geometry.Find(zl.Space, PtzSpaceGroup.AbsoluteZoomPosition)
                ?? throw Bad($"ZoomLimits space '{zl.Space}' is not an absolute zoom space of node {Token}");
            CheckLimitRange(zl.X, space.XRange, "ZoomLimits/XRange");
        }
        foreach (var (ramp, field) in new[] { (c.MoveRamp, "MoveRamp"), (c.PresetRamp, "PresetRamp"), (c.PresetTourRamp, "PresetTourRamp") })
            if (ramp < 1 || ramp > m.RampCount) throw Bad($"{field} {ramp} is not one of the PTZRamps 1..{m.RampCount}");
        return geometry;

        // A side is either disabled (±INF, 5.2.1) or inside the space; and the range is not empty.
        static void CheckLimitRange(FloatRange limit, FloatRange space, string field)
        {
            if (double.IsNaN(limit.Min) || double.IsNaN(limit.Max) || limit.Min > limit.Max) throw Bad($"{field} must have Min ≤ Max");
            if (!double.IsNegativeInfinity(limit.Min) && !space.Contains(limit.Min, 1e-6 * Math.Max(1, Math.Abs(limit.Min))))
                throw Bad($"{field}/Min {limit.Min} is outside the space [{space.Min}, {space.Max}]");
            if (!double.IsPositiveInfinity(limit.Max) && !space.Contains(limit.Max, 1e-6 * Math.Max(1, Math.Abs(limit.Max))))
                throw Bad($"{field}/Max {limit.Max} is outside the space [{space.Min}, {space.Max}]");
        }
    }
}
