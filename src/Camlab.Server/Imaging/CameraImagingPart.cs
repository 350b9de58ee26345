using Camlab.Device.Imaging;
using Camlab.Device.Ptz;
using Camlab.Onvif.Imaging;
using Camlab.Server.Hosting;

namespace Camlab.Server.Imaging;

/// <summary>
/// The Imaging part of one simulated camera: settings, presets and focus motor per video source
/// (<see cref="CameraImaging"/>), the Imaging service, the tampering / signal loss / motion alarms (topics in the Events service's default set) with their
/// fault-injection switch, and auto-focus OnceAfterMove driven by the PTZ node that moves each source.
/// </summary>
public sealed class CameraImagingPart : IDisposable
{
    private readonly List<(PtzNode Node, Action<string> Handler)> _moveFinished = new();

    /// <summary>Adds Imaging to <paramref name="camera"/> while it is built (<see cref="CameraParts"/>); the camera disposes it.</summary>
    /// <param name="ptz">The camera's PTZ device, whose nodes' MoveFinished drives OnceAfterMove auto-focus.</param>
    /// <param name="forcedConditions">Fault-injection instructions from the configuration and the CLI.</param>
    public CameraImagingPart(SimulatedCamera camera, PtzDevice? ptz, IEnumerable<string> forcedConditions)
    {
        Imaging = new CameraImaging(DefaultImagingSources.Create(camera.Definition), camera.Store, camera.Time, adaptablePreset: true);
        camera.Services.Add(new ImagingService(Imaging));

        foreach (var node in ptz?.Nodes ?? [])
        {
            var source = node.Definition.VideoSourceToken;
            if (!Imaging.Exists(source)) continue;
            Action<string> handler = _ => Imaging.OnPtzMoveFinished(source);
            node.MoveFinished += handler;
            _moveFinished.Add((node, handler));
        }

        Alarms = new VideoSourceAlarms(camera.Events, camera.Time, Imaging.VideoSources, Imaging.ImagingSources);
        Faults = new FaultSwitch(Imaging, Alarms);
        Faults.ApplyAll(forcedConditions); // before Start: the Initialized states carry them
        Alarms.Start();
        camera.Rebooting += _ => Imaging.Reload();
    }

    public CameraImaging Imaging { get; }

    public VideoSourceAlarms Alarms { get; }

    public FaultSwitch Faults { get; }

    public void Dispose()
    {
        foreach (var (node, handler) in _moveFinished) node.MoveFinished -= handler;
        _moveFinished.Clear();
    }
}
