using Camlab.Rendering;
using Camlab.Rendering.Geometry;
using Camlab.Rendering.Imaging;
using Camlab.Rendering.Sampling;

namespace Camlab.Rendering.Tests;

/// <summary>
/// While the PTZ moves, each frame's sample map reuses the buffers of a map that left the cache. Reuse must be
/// invisible: the same pixels as a renderer that allocates fresh maps, and never the buffers of a map that a
/// render is still reading.
/// </summary>
public class SampleMapRecyclingTests
{
    private const int Width = 160, Height = 90;
    private static readonly PerspectiveProjection Camera = PerspectiveProjection.FromHorizontalFov(Width, Height, 60, k1: -0.05);
    private static readonly ImagingParameters NightWithLamp = ImagingParameters.Neutral with { NightMode = true, AmbientLight = 0.03, IrLamp = 1 };

    private static RenderRequest Frame(int n, ImagingParameters? imaging = null) =>
        new(Camera, new ViewPose(n * 3.7 - 90, -30 + n * 1.5), Width, Height)
        {
            NoiseSeed = (ulong)n,
            SceneTime = TimeSpan.FromMilliseconds(40 * n),
            Imaging = imaging ?? ImagingParameters.Neutral,
        };

    [Fact]
    public void Panning_reuses_the_map_buffers_and_renders_what_fresh_maps_render()
    {
        var cache = new SampleMapCache(capacity: 16, perRayMap: 3);
        var renderer = new ViewRenderer(SceneFixture.Scene, -1, cache);
        var image = new RgbImage(Width, Height);
        long allocatedAfterWarmUp = 0;
        for (int n = 0; n < 40; n++)
        {
            // Every other frame at night with the IR lamp: its near-field buffer is recycled too and must be
            // rewritten where the new pose sees sky (tilt runs from −30° to +28°).
            var request = Frame(n, n % 2 == 1 ? NightWithLamp : null);
            renderer.Render(request, image);
            var fresh = new ViewRenderer(SceneFixture.Scene).Render(request);
            Assert.True(fresh.Pixels.AsSpan().SequenceEqual(image.Pixels), $"frame {n} differs from a render with fresh maps");
            if (n == 7) allocatedAfterWarmUp = cache.Buffers.Allocated;
        }
        Assert.True(cache.Count <= 3, $"{cache.Count} maps of one ray map cached");
        Assert.Equal(allocatedAfterWarmUp, cache.Buffers.Allocated);
        Assert.True(cache.Buffers.Reused >= 2 * 30, $"{cache.Buffers.Reused} arrays reused");
    }

    [Fact]
    public void Zooming_drops_the_maps_of_ray_maps_that_left_their_cache()
    {
        // Every zoom step is a new camera model, so a new ray map: its maps are useless once the ray map is gone
        // from the renderer's 8-entry ray-map cache, and must not keep it (12 bytes per pixel) alive.
        var cache = new SampleMapCache(capacity: 16, perRayMap: 3);
        var renderer = new ViewRenderer(SceneFixture.Scene, -1, cache);
        var image = new RgbImage(Width, Height);
        for (int n = 0; n < 20; n++)
        {
            var camera = PerspectiveProjection.FromHorizontalFov(Width, Height, 60 - n);
            renderer.Render(new RenderRequest(camera, new ViewPose(10, -5), Width, Height) { NoiseSeed = (ulong)n }, image);
            Assert.True(cache.Count <= 8, $"{cache.Count} maps cached after zoom step {n}");
        }
        Assert.True(cache.Buffers.Reused > 0);
    }

    [Fact]
    public void A_map_still_leased_keeps_its_buffers_until_the_lease_ends()
    {
        var cache = new SampleMapCache(capacity: 1, perRayMap: 1);
        var options = new ParallelOptions();
        var rays = CameraRayMap.Build(Camera, Width, Height, CropWindow.Full(Camera), options);
        var panorama = SceneFixture.Scene.Panorama;
        static Rotation3 At(double pan) => Rotation3.CameraToWorld(new ViewPose(pan, -10));

        var held = cache.Rent(rays, At(0), panorama, options);
        var expected = SampleMap.Build(rays, At(0), panorama, options);
        for (int i = 1; i <= 5; i++)
        {
            // Each new pose evicts the previous one; the held map left the cache first but is still being read.
            using var other = cache.Rent(rays, At(i), panorama, options);
            Assert.NotSame(held.Map.Offsets, other.Map.Offsets);
            Assert.NotSame(held.Map.Offsets, other.Map.Weights);
            Assert.NotSame(held.Map.Weights, other.Map.Offsets);
            Assert.NotSame(held.Map.Weights, other.Map.Weights);
        }
        Assert.Equal(expected.Offsets, held.Map.Offsets);
        Assert.Equal(expected.Weights, held.Map.Weights);

        var heldArrays = new object[] { held.Map.Offsets, held.Map.Weights };
        held.Dispose();
        // Released: its arrays are free again. The next map takes the last one evicted; the one after, the held one's.
        using var first = cache.Rent(rays, At(10), panorama, options);
        using var second = cache.Rent(rays, At(11), panorama, options);
        Assert.Contains(second.Map.Offsets, heldArrays);
        Assert.Equal(SampleMap.Build(rays, At(11), panorama, options).Offsets, second.Map.Offsets);
    }

    [Fact]
    public void Concurrent_renders_of_changing_poses_match_their_reference()
    {
        // A tiny cache so maps are evicted and recycled while other threads still render from them; frames big
        // enough that renders overlap.
        const int w = 480, h = 270;
        var camera = PerspectiveProjection.FromHorizontalFov(w, h, 60);
        var renderer = new ViewRenderer(SceneFixture.Scene, 1, new SampleMapCache(capacity: 2, perRayMap: 1));
        var reference = new ViewRenderer(SceneFixture.Scene);
        var requests = Enumerable.Range(0, 6)
            .Select(n => new RenderRequest(camera, new ViewPose(n * 40 - 100, -20 + n * 6), w, h) { NoiseSeed = (ulong)n, Imaging = n == 5 ? NightWithLamp : ImagingParameters.Neutral })
            .ToArray();
        var expected = requests.Select(r => reference.Render(r).Pixels).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var workers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            var image = new RgbImage(w, h);
            for (int i = 0; i < 40; i++)
            {
                int n = (i * 5 + t * 3) % requests.Length;
                renderer.Render(requests[n], image);
                if (!image.Pixels.AsSpan().SequenceEqual(expected[n])) failures.Add($"thread {t}, render {i}, pose {n}");
            }
        })).ToArray();
        Task.WaitAll(workers);
        Assert.Empty(failures);
    }
}
