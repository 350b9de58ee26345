namespace Camlab.Device.Ptz;

public sealed partial class PtzNode
{
    /// <summary>
    /// SystemReboot (core 8.3.x): the motors lose power where they are — no ramp, no MoveFinished — a preset
    /// recall in flight is Aborted (PTZ 5.11.1), and configuration, presets, home and auxiliary states are
    /// re-read from the store as a fresh start would read them.
    /// </summary>
    public void Reload()
    {
        var notes = new List<Action>();
        lock (_gate)
        {
            ObserveLocked(notes);
            var now = _time.GetUtcNow();
            _pan = AxisProfile.Rest(now, _pan.At(now).Position);
            _tilt = AxisProfile.Rest(now, _tilt.At(now).Position);
            _zoom = AxisProfile.Rest(now, _zoom.At(now).Position);
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _commandPending = false;
            if (_presetMotion is { } running) notes.Add(PresetEvent("Aborted", running, now));
            _presetMotion = null;
            _atPreset = null;

            _configuration = LoadConfiguration(_defaultConfiguration);
            _geometry = CreateGeometry(_configuration);
            _presets.Clear();
            _home = null;
            _auxiliary.Clear();
            LoadPresets();
            LoadHome();
            LoadAuxiliary();
            NextCommandLocked(notes); // the motors lost power: whatever steered them (a tracker) has ended
        }
        Dispatch(notes);
    }
}
