using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Sampling;
using Camlab.Rendering.Scenes;

namespace Camlab.Rendering;

/// <summary>
/// Renders what a camera sees of a <see cref="Scene"/>: for each output pixel the inverse camera model gives
/// a ray, the mount and pan/tilt rotate it into the world, and the panorama is sampled bilinearly; moving
/// objects, imaging and privacy masks follow. Thread-safe: streams share one renderer and its caches of
/// ray maps (per camera model, size and window), sample maps (per pose) and mask rasters.
/// </summary>
public sealed class ViewRenderer
{
    private readonly LruCache<(ICameraProjection, int, int, CropWindow), CameraRayMap> _rayMaps;
    private readonly SampleMapCache _sampleMaps;
    private readonly LruCache<(CameraRayMap, double, double, MaskSet), PrivacyMaskRaster> _maskRasters = new(16);
    private readonly LruCache<ImagingParameters, SensorToneStage> _stages = new(8);
    private readonly ParallelOptions _parallel;

    /// <param name="maxDegreeOfParallelism">Threads one render may use (−1: all cores). A server rendering many
    /// streams at once may prefer 1 per render and parallelism across streams.</param>
    /// <param name="scheduler">Where a render's parallel parts and its users' render work run (<see cref="RenderScheduler.Shared"/> in
    /// the server, so video stays off the thread pool); the thread pool when null.</param>
    public ViewRenderer(Scene scene, int maxDegreeOfParallelism = -1, TaskScheduler? scheduler = null) : this(scene, maxDegreeOfParallelism, new SampleMapCache(), scheduler)
    {
    }

    internal ViewRenderer(Scene scene, int maxDegreeOfParallelism, SampleMapCache sampleMaps, TaskScheduler? scheduler = null)
    {
        Scheduler = scheduler ?? TaskScheduler.Default;
        _sampleMaps = sampleMaps;
        // A ray map that left its cache is never looked up again (a zoom makes a new one per step): its sample
        // maps go too, instead of keeping it and themselves alive until 16 newer maps push them out.
        _rayMaps = new(8, sampleMaps.EvictRayMap);
        Scene = scene ?? throw new ArgumentNullException(nameof(scene));
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "use −1 (all cores) or a positive thread count");
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, TaskScheduler = Scheduler };
    }

    public Scene Scene { get; }

    /// <summary>Where work that renders with this renderer runs: render loops, their encodes, analysis.</summary>
    public TaskScheduler Scheduler { get; }

    public RgbImage Render(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var image = new RgbImage(request.Width, request.Height);
        RenderCore(request, image);
        return image;
    }

    /// <summary>Renders into <paramref name="destination"/> (which must have the request's size), so a stream can reuse its buffer.</summary>
    public void Render(RenderRequest request, RgbImage destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        request.Validate();
        if (destination.Width != request.Width || destination.Height != request.Height)
            throw new ArgumentException($"destination is {destination.Width}×{destination.Height}, the request is {request.Width}×{request.Height}", nameof(destination));
        RenderCore(request, destination);
    }

    /// <summary>
    /// The focus position (dioptres, 1/m; 0 = infinity) at which the centre of this view is sharp: the
    /// ground distance along the view's central ray. Auto-focus converges to it.
    /// </summary>
    public double InFocusDioptres(ICameraProjection camera, ViewPose pose, CropWindow? window = null)
    {
        var rays = RayMapFor(camera, 1, 1, window ?? CropWindow.Full(camera));
        var centre = Rotation3.CameraToWorld(pose).Apply(rays.CentreRay);
        double distance = Scene.DistanceAlong(centre);
        return double.IsInfinity(distance) ? 0 : 1 / distance;
    }

    /// <summary>Diameter in output pixels of the defocus blur the request gets (0 when in focus).</summary>
    public double FocusBlurDiameterPx(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Imaging.FocusDioptres is not { } focus) return 0;
        var window = request.EffectiveWindow;
        var rays = RayMapFor(request.Camera, request.Width, request.Height, window);
        double inFocus = InFocusDioptres(request.Camera, request.Pose, window);
        // Thin lens: blur diameter on the sensor = f·A·|Δ(1/d)|; in pixels f becomes 1/(angle per pixel).
        return request.Imaging.EffectiveApertureM * Math.Abs(focus - inFocus) / rays.CentrePixelAngleRad;
    }

    /// <summary>
    /// True when a moving object of the scene may show in the request's view at its scene time (the same tile test that
    /// paints objects): a view without one looks the same at any instant but for its sensor noise.
    /// </summary>
    public bool ObjectsInView(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (Scene.Objects.Count == 0) return false;
        var rays = RayMapFor(request.Camera, request.Width, request.Height, request.EffectiveWindow);
        var rotation = Rotation3.CameraToWorld(request.Pose);
        foreach (var sighting in Scene.SightingsAt(request.SceneTime))
            if (PanoramaSampler.MayShow(rays, rotation, sighting)) return true;
        return false;
    }

    /// <summary>How many output pixels the request's privacy masks black out.</summary>
    public int MaskedPixelCount(RenderRequest request)
    {
        request.Validate();
        if (request.PrivacyMasks.Count == 0) return 0;
        var rays = RayMapFor(request.Camera, request.Width, request.Height, request.EffectiveWindow);
        return MaskRasterFor(rays, request).MaskedPixelCount;
    }

    private void RenderCore(RenderRequest request, RgbImage image)
    {
        var rays = RayMapFor(request.Camera, request.Width, request.Height, request.EffectiveWindow);
        var rotation = Rotation3.CameraToWorld(request.Pose);
        // The lease keeps the map's buffers from being recycled for another pose while this frame reads them.
        using var lease = _sampleMaps.Rent(rays, rotation, Scene.Panorama, _parallel);
        var map = lease.Map;
        var p = request.Imaging;
        // The stage does not depend on focus: keyed without it, a focus move does not rebuild its tables every frame.
        var stage = _stages.GetOrAdd(p.FocusDioptres is null ? p : p with { FocusDioptres = null }, key => new SensorToneStage(key));
        float[]? nearField = stage.LampLevel > 0 ? map.NearField(Scene.CameraHeightM, SensorToneStage.IrLampReachM) : null;
        var sightings = Scene.SightingsAt(request.SceneTime);
        double blur = FocusBlurDiameterPx(request);
        if (ImagingPipeline.FocusBlurChangesPixels(blur))
        {
            // Optics before the sensor: blur the scene (objects included), then expose it.
            PanoramaSampler.Sample(map, image, _parallel);
            PanoramaSampler.DrawObjects(map, sightings, Scene.Objects, image);
            ImagingPipeline.ApplyFocusBlur(image, blur, _parallel);
            stage.ApplyAll(image, request.NoiseSeed, nearField, _parallel);
        }
        else
        {
            PanoramaSampler.Sample(map, image, _parallel, stage, request.NoiseSeed, nearField);
            PanoramaSampler.DrawObjects(map, sightings, Scene.Objects, image, stage, request.NoiseSeed, nearField);
        }
        ImagingPipeline.ApplyNoiseReduction(image, p.NoiseReduction, _parallel);
        ImagingPipeline.ApplySharpness(image, p.Sharpness, _parallel);
        if (request.PrivacyMasks.Count > 0) MaskRasterFor(rays, request).Apply(image);
        // OSDs go over the masks, like a camera's: an OSD placed on a mask stays readable.
        if (request.Overlays.Count > 0) Overlay.OverlayPainter.Draw(image, request.Overlays, Overlay.OverlayFont.Default);
    }

    private CameraRayMap RayMapFor(ICameraProjection camera, int width, int height, CropWindow window) =>
        _rayMaps.GetOrAdd((camera, width, height, window), key => CameraRayMap.Build(key.Item1, key.Item2, key.Item3, key.Item4, _parallel));

    private PrivacyMaskRaster MaskRasterFor(CameraRayMap rays, RenderRequest request) =>
        _maskRasters.GetOrAdd((rays, request.Pose.PanDeg, request.Pose.TiltDeg, new MaskSet(request.PrivacyMasks)),
            key => PrivacyMaskRaster.Build(key.Item1, key.Item2, key.Item3, key.Item4.Masks, _parallel));

    /// <summary>Value equality over a list of masks, for the raster cache key.</summary>
    private sealed class MaskSet(IReadOnlyList<PrivacyMask> masks) : IEquatable<MaskSet>
    {
        public PrivacyMask[] Masks { get; } = masks.ToArray();
        public bool Equals(MaskSet? other) => other is not null && Masks.AsSpan().SequenceEqual(other.Masks);
        public override bool Equals(object? obj) => obj is MaskSet s && Equals(s);
        public override int GetHashCode()
        {
            var h = new HashCode();
            foreach (var m in Masks) h.Add(m);
            return h.ToHashCode();
        }
    }
}
