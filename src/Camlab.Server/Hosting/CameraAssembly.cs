using Camlab.Device;
using Camlab.Device.IO;
using Camlab.Onvif.Events;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;
using Camlab.Rendering;
using Camlab.Server.Faults;
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
    /// <summary>
    /// What one camera is made of: its layout, optics, place, what it renders, the faults it starts with, its own users
    /// and name — the configuration's for every camera, or its camera of a site file (docs/site.md).
    /// </summary>
    public sealed record CameraSpec(CameraDefinition Definition, CameraOptics Optics, CameraPlacement Placement, ViewRenderer Renderer,
        IReadOnlyList<(string Path, string Text)> Faults, IReadOnlyList<UserAccount> Users, string? Name = null, Site.SiteCamera? Site = null);

    /// <summary>What every camera of one host shares; <see cref="Spec"/> says what each camera is made of.</summary>
    public sealed record Shared(Func<int, CameraSpec> Spec,
        IReadOnlyDictionary<string, IReadOnlyList<PrivacyMaskDefinition>> PrivacyMasks, ServerOptions Options, string Data, TimeProvider Time,
        SecurityOptions Security, SoapLimits Limits, EventsOptions Events, Action<Exception> SoapLog, ILogger VideoLog,
        ILogger StateLog, ILogger AuthLog, Rtsp.HostRtsp? Rtsp, HostClock.SeededRandom? Random = null)
    {
        /// <summary>Each camera's own listeners by camera number (<c>--port-per-camera</c>), filled as they bind; empty when off.</summary>
        public Dictionary<int, CameraListener> Listeners { get; } = new();

        /// <summary>The RTSP server that serves a camera: its own listener's (null while closed), else the host's.</summary>
        public Rtsp.HostRtsp? RtspFor(SimulatedCamera camera)
        {
            lock (Listeners) return Listeners.TryGetValue(camera.Number, out var own) ? own.Rtsp : Rtsp;
        }

        /// <summary>What <c>/metrics</c> exports; null: nothing is measured.</summary>
        public Observability.SiteMetrics? Metrics { get; init; }
    }

    /// <param name="viewState">What the picture shows instead of the camera's PTZ and Imaging (tests that steer the picture themselves).</param>
    public static SimulatedCamera Build(int number, Shared shared, Func<SimulatedCamera, ICameraViewState>? viewState = null)
    {
        var options = shared.Options;
        var store = new FileStateStore(Path.Combine(shared.Data, $"camera-{number}"));
        foreach (var leftover in store.RemovedLeftovers)
            shared.StateLog.LogWarning("camera {Camera}: removed {File}, the temporary file of a write interrupted by a kill (the document kept its previous content)", number, leftover);
        var spec = shared.Spec(number);
        var random = shared.Random ?? HostClock.SeededRandom.Unseeded;
        var identity = CameraIdentities.LoadOrCreate(store, number, options.Device, random.For($"camera-{number}/identity"), spec.Name);
        if (spec.Site is { } site) Site.SiteSeed.Apply(store, site, spec.Optics.Lens);
        var instructions = spec.Faults;
        static string Where(FaultInstructionException e, IReadOnlyList<(string Path, string Text)> list) =>
            (e.Index is { } i && i < list.Count ? list[i].Path : "faults") + ": " + e.Message;
        var parts = new CameraParts(spec.Optics, spec.Placement,
            Ptz: camera => new CameraPtz(camera),
            // Imaging conditions before the alarms start (their Initialized states carry them); the rest once the switch exists.
            Imaging: camera =>
            {
                var imagingOnes = instructions.Where(c => !CameraIo.NamesAnInput(c.Text) && !CameraFaults.IsScheduled(c.Text)).ToList();
                try { return new CameraImagingPart(camera, camera.Ptz.Device, imagingOnes.Select(c => c.Text)); }
                catch (FaultInstructionException e) { throw new ConfigurationException(Where(e, imagingOnes)); }
            },
            Faults: camera =>
            {
                var others = instructions.Where(c => CameraIo.NamesAnInput(c.Text) || CameraFaults.IsScheduled(c.Text)).ToList();
                var faults = new CameraFaults(camera, random.For($"camera-{number}/faults"));
                try { faults.ApplyAll(others.Select(c => c.Text).ToList()); }
                catch (FaultInstructionException e)
                {
                    faults.Dispose();
                    throw new ConfigurationException(Where(e, others));
                }
                return faults;
            },
            // The picture follows PTZ and Imaging, placed where camera.Location says (the configuration, else the OPF
            // capture: docs/optics.md); analysis reports into the Imaging alarms.
            ViewState: camera => viewState?.Invoke(camera) ?? new DomainViewState(camera, spec.Renderer),
            AnalysisReporter: camera => new ImagingAlarmReporter(camera.Imaging.Alarms),
            StreamUris: camera => shared.Rtsp is not null ? new Rtsp.RtspStreamUris(() => shared.RtspFor(camera), camera) : null,
            PrivacyMasks: camera => PrivacyMasksFor(camera, camera.ViewState, shared.PrivacyMasks),
            Video: camera => Video(camera, shared, spec.Renderer, number));
        var camera = new SimulatedCamera(number, spec.Definition, identity, store, shared.Time, spec.Users, shared.Security, shared.Limits,
            shared.Events, parts, () => options.Discovery.Enabled, shared.SoapLog, random);
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

    private static CameraVideo Video(SimulatedCamera camera, Shared shared, ViewRenderer renderer, int number)
    {
        var video = new CameraVideo(camera, renderer, camera.ViewState, e => shared.VideoLog.LogError(e, "video"), shared.Metrics?.ForCamera(number),
            warning => shared.VideoLog.LogWarning("camera {Camera}: {Warning}", number, warning));
        try
        {
            // MoveAndStartTracking ObjectID follows the objects the renderer draws, on the same scene clock: the dome
            // through the mount, the digital window through its source's picture.
            camera.Ptz.AttachObjects(node => node.Definition.Kind == Device.Ptz.PtzNodeKind.MechanicalDome
                ? SceneTrackableObjects.ForDome(renderer.Scene, video.Hub.SceneEpoch, () => camera.Mount)
                : SceneTrackableObjects.ForWindow(renderer.Scene, video.Hub.SceneEpoch, video.Hub.State, node.Definition.VideoSourceToken));
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
