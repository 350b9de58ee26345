using System.Globalization;
using Camlab.Device.State;

namespace Camlab.Device.Imaging;

/// <summary>
/// The imaging of one video source: its settings (validated against its options, applied atomically and
/// persisted), its manufacturer presets (Imaging 5.2, with AdaptablePreset), and its focus lens with motor and
/// auto-focus (5.3). Every public member is atomic under one lock.
/// </summary>
public sealed class VideoSourceImaging
{
    /// <summary>Auto-focus retargets only when the in-focus position moved more than this (unitless).</summary>
    public const double AutoFocusTolerance = 1e-4;

    private readonly object _gate = new();
    private readonly VideoSourceImagingDefinition _definition;
    private readonly ImagingOptions _options;
    private readonly IStateStore _store;
    private readonly bool _adaptablePreset;
    private readonly FocusMotor? _motor;
    private readonly Dictionary<string, ImagingSettings> _presetSettings = new(StringComparer.Ordinal);
    private ImagingSettings _settings;
    private string? _lastAppliedPreset;
    private Func<double> _inFocusPosition;
    private double _sceneDistance;

    internal VideoSourceImaging(VideoSourceImagingDefinition definition, IStateStore store, TimeProvider time, bool adaptablePreset)
    {
        _definition = definition;
        _options = definition.Options ?? throw new ArgumentException($"{definition.Token} has no imaging", nameof(definition));
        var factory = definition.FactorySettings ?? throw new ArgumentException($"{definition.Token} has no factory settings", nameof(definition));
        _store = store;
        _adaptablePreset = adaptablePreset;
        ValidateDefinition(definition.Token, factory, definition.Presets, _options);
        foreach (var preset in definition.Presets) _presetSettings[preset.Token] = preset.Settings;
        _settings = factory;

        if (ImagingStateDocument.Load(store, definition.Token) is { } saved) Restore(saved, factory);

        if (definition.Lens is { } lens)
        {
            _motor = new FocusMotor(lens, time, lens.InitialPosition);
            _sceneDistance = lens.SceneDistance;
            _inFocusPosition = () => lens.PositionForDistance(_sceneDistance);
            if (_settings.Focus?.AutoFocusMode == AutoFocusMode.AUTO) StartAutoFocus();
        }
        else _inFocusPosition = () => 1.0;
    }

    public string Token => _definition.Token;

    public ImagingOptions Options => _options;

    /// <summary>The focus lens (position ↔ distance ↔ dioptres), or null for a fixed-focus lens.</summary>
    public FocusLens? Lens => _definition.Lens;

    /// <summary>The focus move options, or null for a fixed-focus lens (GetMoveOptions is then empty).</summary>
    public FocusMoveOptions? MoveOptions => _definition.Lens?.MoveOptions;

    public bool AdaptablePreset => _adaptablePreset;

    public ImagingSettings Settings { get { lock (_gate) return _settings; } }

    public IReadOnlyList<ImagingPreset> Presets
    {
        get { lock (_gate) return _definition.Presets.Select(p => p with { Settings = _presetSettings[p.Token] }).ToList(); }
    }

    /// <summary>
    /// The preset last applied if the settings still match it, else the first preset the settings match, else
    /// null (Imaging 5.2.2: empty when the configuration matches no preset).
    /// </summary>
    public ImagingPreset? CurrentPreset { get { lock (_gate) return CurrentPresetLocked(); } }

    /// <summary>
    /// SetImagingSettings (5.1.3): parameters the update omits keep their value; the result is validated as a
    /// whole and applied only if valid. With AdaptablePreset the active preset takes the new settings too.
    /// </summary>
    public void SetSettings(ImagingSettings update)
    {
        ArgumentNullException.ThrowIfNull(update);
        SetSettingsFrom(_ => update);
    }

    /// <summary>
    /// SetImagingSettings whose update depends on the current settings (a request that omits a mode the schema
    /// requires keeps the current one); <paramref name="update"/> runs under the lock, so nothing changes between
    /// reading the current settings and applying the result.
    /// </summary>
    public void SetSettingsFrom(Func<ImagingSettings, ImagingSettings> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            var candidate = _settings.With(update(_settings));
            ImagingSettingsValidator.Validate(candidate, _options);
            var active = _adaptablePreset ? CurrentPresetLocked() : null;
            var before = _settings;
            Commit(candidate, active?.Token ?? _lastAppliedPreset, active?.Token);
            AfterFocusSettingsChanged(before.Focus, candidate.Focus);
        }
    }

    /// <summary>SetCurrentPreset (5.2.3): the source takes the preset's settings.</summary>
    public void SetCurrentPreset(string presetToken)
    {
        lock (_gate)
        {
            if (!_presetSettings.TryGetValue(presetToken, out var settings))
                throw ImagingException.SettingsInvalid("PresetToken", $"'{presetToken}' is not an imaging preset of {Token}");
            var before = _settings;
            Commit(settings, presetToken, adaptedPreset: null);
            AfterFocusSettingsChanged(before.Focus, settings.Focus);
        }
    }

    /// <summary>
    /// Move (5.3.1). Validates against <see cref="MoveOptions"/> (position, distance, speed), turns auto-focus off
    /// (persisted), then drives the motor; a missing speed is the settings' DefaultSpeed.
    /// </summary>
    public void Move(FocusMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        lock (_gate)
        {
            var motor = RequireMotor();
            var options = MoveOptions!;
            var count = (move.Absolute is null ? 0 : 1) + (move.Relative is null ? 0 : 1) + (move.Continuous is null ? 0 : 1);
            if (count != 1)
                throw ImagingException.SettingsInvalid("Focus", count == 0
                    ? "one of Absolute, Relative or Continuous is required"
                    : "only one of Absolute, Relative or Continuous may be given");
            if (motor.Fault is { } fault) throw ImagingException.FocusMotorFault(Token, fault);
            var defaultSpeed = (double)(_settings.Focus?.DefaultSpeed ?? options.AbsoluteSpeed.Max);
            if (move.Absolute is { } a)
            {
                InRange(a.Position, options.AbsolutePosition, "Focus/Absolute/Position");
                if (a.Speed is { } s) InRange(s, options.AbsoluteSpeed, "Focus/Absolute/Speed");
                TurnAutoFocusOff();
                motor.MoveTo(a.Position, a.Speed ?? defaultSpeed, FocusDriver.Manual);
            }
            else if (move.Relative is { } r)
            {
                InRange(r.Distance, options.RelativeDistance, "Focus/Relative/Distance");
                if (r.Speed is { } s) InRange(s, options.RelativeSpeed, "Focus/Relative/Speed");
                TurnAutoFocusOff();
                // The lens stops at the end of its travel: a relative move past it ends there.
                motor.MoveTo(motor.Position + r.Distance, r.Speed ?? defaultSpeed, FocusDriver.Manual);
            }
            else
            {
                var c = move.Continuous!;
                InRange(c.Speed, options.ContinuousSpeed, "Focus/Continuous/Speed");
                TurnAutoFocusOff();
                motor.MoveContinuous(c.Speed, FocusDriver.Manual);
            }
        }
    }

    /// <summary>Stop (5.3.3): brakes a client's focus move; an auto-focus adjustment in progress continues.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            var motor = RequireMotor();
            if (motor.Driver == FocusDriver.AutoFocus && motor.IsMoving) return;
            motor.Stop();
        }
    }

    /// <summary>GetStatus (5.3.4); null for a fixed-focus lens (the response then carries no FocusStatus20).</summary>
    public FocusStatus? FocusStatus
    {
        get
        {
            lock (_gate)
            {
                if (_motor is null) return null;
                TrackContinuousAutoFocus();
                return _motor.Status;
            }
        }
    }

    /// <summary>
    /// What the renderer needs to draw the picture: the lens position, the position that would be sharp for the
    /// current view, and the difference (0 = sharp). A fixed-focus lens is always sharp.
    /// </summary>
    public FocusState Focus
    {
        get
        {
            lock (_gate)
            {
                if (_motor is null) return new FocusState(1.0, 1.0);
                TrackContinuousAutoFocus();
                return new FocusState(_motor.Position, Math.Clamp(_inFocusPosition(), 0.0, 1.0));
            }
        }
    }

    /// <summary>
    /// Replaces the in-focus position of the current view (0..1): the renderer supplies one from the scene depth
    /// under the PTZ pose. Until then it is the configured scene distance mapped through the lens.
    /// </summary>
    public void SetInFocusPositionProvider(Func<double> inFocusPosition)
    {
        ArgumentNullException.ThrowIfNull(inFocusPosition);
        lock (_gate)
        {
            _inFocusPosition = inFocusPosition;
            TrackContinuousAutoFocus();
        }
    }

    /// <summary>The subject distance (metres) of the default in-focus provider.</summary>
    public void SetSceneDistance(double metres)
    {
        if (!(metres > 0)) throw new ArgumentOutOfRangeException(nameof(metres), metres, "a distance is positive");
        lock (_gate)
        {
            _sceneDistance = metres;
            TrackContinuousAutoFocus();
        }
    }

    /// <summary>
    /// The PTZ move-finished signal: with auto-focus AUTO and AFMode OnceAfterMove the lens adjusts once now
    /// (Imaging 5.1.1). Continuous auto-focus tracks anyway; manual focus ignores it.
    /// </summary>
    public void OnPtzMoveFinished()
    {
        lock (_gate)
        {
            if (_motor is null || _motor.Fault is not null) return;
            if (_settings.Focus is { AutoFocusMode: AutoFocusMode.AUTO, OnceAfterMove: true }) StartAutoFocus();
        }
    }

    /// <summary>Fault injection: the focus motor stalls; GetStatus reports UNKNOWN with <paramref name="error"/>.</summary>
    public void InjectFocusMotorFault(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        lock (_gate) RequireMotor().InjectFault(error);
    }

    /// <summary>Ends an injected focus motor fault; the motor is IDLE where it stopped.</summary>
    public void ClearFocusMotorFault()
    {
        lock (_gate)
        {
            RequireMotor().ClearFault();
            if (_settings.Focus?.AutoFocusMode == AutoFocusMode.AUTO) StartAutoFocus();
        }
    }

    /// <summary>
    /// A reboot of the camera: the focus motor stops where it is (and forgets an injected fault), the settings
    /// and presets are read back from the state store, and auto-focus starts again if it is on.
    /// </summary>
    public void Reload()
    {
        lock (_gate)
        {
            var saved = ImagingStateDocument.Load(_store, Token);
            var factory = _definition.FactorySettings!;
            var (settings, lastApplied, presets) = (_settings, _lastAppliedPreset, new Dictionary<string, ImagingSettings>(_presetSettings));
            foreach (var preset in _definition.Presets) _presetSettings[preset.Token] = preset.Settings;
            _settings = factory;
            _lastAppliedPreset = null;
            try
            {
                if (saved is not null) Restore(saved, factory);
            }
            catch
            {
                // A document that no longer reads leaves the camera as it was before the reboot.
                (_settings, _lastAppliedPreset) = (settings, lastApplied);
                foreach (var (token, presetSettings) in presets) _presetSettings[token] = presetSettings;
                throw;
            }
            if (_motor is null) return;
            _motor.Halt();
            if (_settings.Focus?.AutoFocusMode == AutoFocusMode.AUTO) StartAutoFocus();
        }
    }

    private FocusMotor RequireMotor() => _motor ?? throw ImagingException.FocusNotSupported(Token);

    private ImagingPreset? CurrentPresetLocked()
    {
        ImagingPreset? Make(ImagingPreset p) => p with { Settings = _presetSettings[p.Token] };
        if (_lastAppliedPreset is { } last && _presetSettings.TryGetValue(last, out var applied) && applied.SameAs(_settings))
            return Make(_definition.Presets.First(p => p.Token == last));
        var match = _definition.Presets.FirstOrDefault(p => _presetSettings[p.Token].SameAs(_settings));
        return match is null ? null : Make(match);
    }

    private void TurnAutoFocusOff()
    {
        if (_settings.Focus is not { AutoFocusMode: AutoFocusMode.AUTO } focus) return;
        Commit(_settings with { Focus = focus with { AutoFocusMode = AutoFocusMode.MANUAL } }, _lastAppliedPreset, adaptedPreset: null);
    }

    private void AfterFocusSettingsChanged(FocusConfiguration? before, FocusConfiguration? after)
    {
        if (_motor is null || _motor.Fault is not null) return;
        var wasAuto = before?.AutoFocusMode == AutoFocusMode.AUTO;
        var isAuto = after?.AutoFocusMode == AutoFocusMode.AUTO;
        if (isAuto && (!wasAuto || before!.NearLimit != after!.NearLimit || before.FarLimit != after.FarLimit)) StartAutoFocus();
        else if (!isAuto && wasAuto && _motor.Driver == FocusDriver.AutoFocus && _motor.IsMoving) _motor.Stop();
    }

    /// <summary>Continuous auto-focus follows the in-focus position whenever the lens is looked at.</summary>
    private void TrackContinuousAutoFocus()
    {
        if (_motor is null || _motor.Fault is not null) return;
        if (_settings.Focus is not { AutoFocusMode: AutoFocusMode.AUTO } focus || focus.OnceAfterMove == true) return;
        if (Math.Abs(_motor.Destination - AutoFocusTarget()) > AutoFocusTolerance) StartAutoFocus();
    }

    private void StartAutoFocus()
    {
        var target = AutoFocusTarget();
        // Already at, or already heading for, the in-focus position: re-planning would only perturb the motion.
        if (Math.Abs(_motor!.Destination - target) <= AutoFocusTolerance) return;
        _motor.MoveTo(target, _definition.Lens!.MaxSpeed, FocusDriver.AutoFocus);
    }

    /// <summary>The in-focus position, limited to the auto-focus search range Near/FarLimit (metres).</summary>
    private double AutoFocusTarget()
    {
        var lens = _definition.Lens!;
        var target = Math.Clamp(_inFocusPosition(), 0.0, 1.0);
        if (double.IsNaN(target)) return _motor!.Position;
        var near = _settings.Focus?.NearLimit is { } n ? lens.PositionForDistance(n) : 0.0;
        var far = _settings.Focus?.FarLimit is { } f ? lens.PositionForDistance(f) : 1.0;
        return Math.Clamp(target, near, Math.Max(near, far));
    }

    private static void InRange(float value, FloatRange range, string field)
    {
        if (!range.Contains(value))
            throw ImagingException.SettingsInvalid(field,
                $"{value.ToString("R", CultureInfo.InvariantCulture)} is outside {range}");
    }

    /// <summary>
    /// Makes <paramref name="settings"/> current (and, with AdaptablePreset, <paramref name="adaptedPreset"/>'s
    /// settings): the document is written first, so a store that fails leaves memory and disk as they were.
    /// </summary>
    private void Commit(ImagingSettings settings, string? lastAppliedPreset, string? adaptedPreset)
    {
        var presets = new Dictionary<string, ImagingSettings>(_presetSettings, StringComparer.Ordinal);
        if (adaptedPreset is not null) presets[adaptedPreset] = settings;
        new ImagingStateDocument(
            settings,
            lastAppliedPreset,
            _definition.Presets.Where(p => !p.Settings.SameAs(presets[p.Token]))
                .ToDictionary(p => p.Token, p => presets[p.Token], StringComparer.Ordinal))
        .Save(_store, Token);
        _settings = settings;
        _lastAppliedPreset = lastAppliedPreset;
        if (adaptedPreset is not null) _presetSettings[adaptedPreset] = settings;
    }

    /// <summary>Takes a stored document, all or nothing (a bad one throws and leaves the state as it was).</summary>
    private void Restore(ImagingStateDocument saved, ImagingSettings factory)
    {
        var name = ImagingStateDocument.NameFor(Token);
        try
        {
            // Merging onto the factory settings keeps the settings complete when a newer build adds a parameter.
            var settings = factory.With(saved.Settings);
            ImagingSettingsValidator.Validate(settings, _options);
            var adapted = new Dictionary<string, ImagingSettings>(StringComparer.Ordinal);
            foreach (var (token, presetSettings) in saved.AdaptedPresets ?? [])
            {
                if (!_presetSettings.ContainsKey(token)) throw new InvalidDataException($"{name}: unknown preset '{token}'");
                var complete = factory.With(presetSettings);
                ImagingSettingsValidator.Validate(complete, _options);
                adapted[token] = complete;
            }
            foreach (var (token, presetSettings) in adapted) _presetSettings[token] = presetSettings;
            _settings = settings;
            _lastAppliedPreset = saved.LastAppliedPreset is { } last && _presetSettings.ContainsKey(last) ? last : null;
        }
        catch (ImagingException ex) when (ex.Error == ImagingError.SettingsInvalid)
        {
            throw new InvalidDataException($"{name}: {ex.Message}", ex);
        }
    }

    private static void ValidateDefinition(string token, ImagingSettings factory, IReadOnlyList<ImagingPreset> presets, ImagingOptions options)
    {
        try { ImagingSettingsValidator.Validate(factory, options); }
        catch (ImagingException ex) when (ex.Error == ImagingError.SettingsInvalid) { throw new ArgumentException($"{token} factory settings: {ex.Message}", ex); }
        foreach (var preset in presets)
        {
            try { ImagingSettingsValidator.Validate(preset.Settings, options); }
            catch (ImagingException ex) when (ex.Error == ImagingError.SettingsInvalid) { throw new ArgumentException($"{token} preset {preset.Token}: {ex.Message}", ex); }
        }
        if (presets.Select(p => p.Token).Distinct(StringComparer.Ordinal).Count() != presets.Count)
            throw new ArgumentException($"{token}: preset tokens are not unique");
    }
}

/// <summary>The focus of a lens as the renderer sees it; <see cref="Defocus"/> 0 is sharp.</summary>
public readonly record struct FocusState(double Position, double InFocusPosition)
{
    public double Defocus => Math.Abs(Position - InFocusPosition);
}
