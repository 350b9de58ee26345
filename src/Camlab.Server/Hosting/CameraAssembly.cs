using Camlab.Device;
using Camlab.Device.IO;
using Camlab.Onvif.Events;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Rendering;
using Camlab.Server.Imaging;
using Camlab.Server.Optics;
using Camlab.Server.Privacy;
using Camlab.Server.Ptz;
using Camlab.Server.Recording;
using Camlab.Server.State;
using Camlab.Server.Streaming;
using Camlab.Server.View;
using Microsoft.Extensions.Logging;

namespace Camlab.Server.Hosting;

/// <summary>
/// Builds one camera: identity and store, then <see cref="SimulatedCamera"/> with its <see cref="CameraParts"/> — the
/// domain parts (PTZ, Imaging), the view of the picture, the services (Media with the PTZ configurations and stream
/// URIs, Events), privacy masks, video and recordings — which its constructor builds in that order. A step that
/// throws disposes every part built before it.
/// </summary>
public static class CameraAssembly
{
    /// <summary>What every camera of one host shares.</summary>
    public sealed record Shared(CameraDefinition Definition, CameraOptics Optics, CameraPlacement Placement, ViewRenderer Renderer,
        IReadOnlyDictionary<string, IReadOnlyList<PrivacyMaskDefinition>> PrivacyMasks, ServerOptions Options, string Data, TimeProvider Time,
        IEnumerable<UserAccount> Users, SecurityOptions Security, SoapLimits Limits, EventsOptions Events, Action<Exception> SoapLog, ILogger VideoLog,
        ILogger StateLog, ILogger AuthLog, Rtsp.HostRtsp? Rtsp);

    /// <param name="viewState">What the picture shows instead of the camera's PTZ and Imaging (tests that steer the picture themselves).</param>
    public static SimulatedCamera Build(int number, Shared shared, Func<SimulatedCamera, ICameraViewState>? viewState = null)
    {
        var options = shared.Options;
        var store = new FileStateStore(Path.Combine(shared.Data, $"camera-{number}"));
        foreach (var leftover in store.RemovedLeftovers)
            shared.StateLog.LogWarning("camera {Camera}: removed {File}, the temporary file of a write interrupted by a kill (the document kept its previous content)", number, leftover);
        var identity = CameraIdentities.LoadOrCreate(store, number, options.Device);
        var parts = new CameraParts(shared.Optics, shared.Placement,
            Ptz: camera => new CameraPtz(camera),
            Imaging: camera =>
            {
                try
                {
                    var imaging = new CameraImagingPart(camera, camera.Ptz.Device, options.ForcedConditions.Where(c => !CameraIo.NamesAnInput(c)));
                    camera.Io.Apply(camera.Io.Parse(options.ForcedConditions.Where(CameraIo.NamesAnInput)));
                    return imaging;
                }
                catch (Exception e) when (e is FaultInstructionException or IoException) { throw new ConfigurationException("forcedConditions: " + e.Message); }
            },
            // The picture follows PTZ and Imaging, placed where camera.Location says (the configuration, else the OPF
            // capture: docs/optics.md); analysis reports into the Imaging alarms.
            ViewState: camera => viewState?.Invoke(camera) ?? new DomainViewState(camera, shared.Renderer),
            AnalysisReporter: camera => new ImagingAlarmReporter(camera.Imaging.Alarms),
            StreamUris: camera => shared.Rtsp is { } rtsp ? new Rtsp.RtspStreamUris(rtsp, camera) : null,
            PrivacyMasks: camera => PrivacyMasksFor(camera, camera.ViewState, shared.PrivacyMasks),
            Video: camera => Video(camera, shared, number));
        var camera = new SimulatedCamera(number, shared.Definition, identity, store, shared.Time, shared.Users, shared.Security, shared.Limits,
            shared.Events, parts, () => options.Discovery.Enabled, shared.SoapLog);
        try
        {
            AuthenticationLockoutEvents.Attach(camera, shared.AuthLog);
            camera.Rebooting += c => c.Video?.Streams.CloseAll(); // a rebooting camera drops its streams
            camera.Rebooting += c => c.Video?.Recordings?.ClosePlayback(); // and its playbacks; recording goes on
            return camera;
        }
        catch
        {
            camera.Dispose();
            throw;
        }
    }

    private static CameraVideo Video(SimulatedCamera camera, Shared shared, int number)
    {
        var video = new CameraVideo(camera, shared.Renderer, camera.ViewState, e => shared.VideoLog.LogError(e, "video"),
            warning => shared.VideoLog.LogWarning("camera {Camera}: {Warning}", number, warning));
        try
        {
            // MoveAndStartTracking ObjectID follows the objects the renderer draws, on the same scene clock: the dome
            // through the mount, the digital window through its source's picture.
            camera.Ptz.AttachObjects(node => node.Definition.Kind == Device.Ptz.PtzNodeKind.MechanicalDome
                ? SceneTrackableObjects.ForDome(shared.Renderer.Scene, video.Hub.SceneEpoch, () => camera.Mount)
                : SceneTrackableObjects.ForWindow(shared.Renderer.Scene, video.Hub.SceneEpoch, video.Hub.State, node.Definition.VideoSourceToken));
            if (CameraVideo.Available)
                video.Recordings = new CameraRecordings(video, Path.Combine(shared.Data, $"camera-{number}", "recordings"), shared.Options.Recording, shared.Time,
                    e => shared.VideoLog.LogError(e, "recording"), warning => shared.VideoLog.LogWarning("camera {Camera}: {Warning}", number, warning));
            return video;
        }
        catch
        {
            video.Dispose();
            throw;
        }
    }

    // Config seeds, the API's persisted lists win (docs/configuration.md). A view state that cannot take masks gets
    // none offered — and a configuration that sets some is refused rather than ignored.
    private static CameraPrivacyMasks? PrivacyMasksFor(SimulatedCamera camera, ICameraViewState viewState,
        IReadOnlyDictionary<string, IReadOnlyList<PrivacyMaskDefinition>> configured)
    {
        if (viewState is IPrivacyMaskTarget target)
            return new CameraPrivacyMasks(camera.Store, camera.Media.VideoSources.Select(s => s.Token), configured, target, viewState);
        if (configured.Values.Any(m => m.Count > 0))
            throw new ConfigurationException($"privacyMasks: camera {camera.Number}'s view state ({viewState.GetType().Name}) cannot show privacy masks");
        return null;
    }
}
