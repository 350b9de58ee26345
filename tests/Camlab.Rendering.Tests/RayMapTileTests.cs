using Camlab.Rendering.Geometry;
using Camlab.Rendering.Sampling;

namespace Camlab.Rendering.Tests;

public class RayMapTileTests
{
    // Moving objects are drawn only into tiles whose bounding cone they meet; a cone narrower than its pixels clips
    // them. At a long zoom a 16-pixel tile spans ~10⁻⁴ rad, where a float acos of the tile's smallest dot product
    // rounds to 0.
    [Theory]
    [InlineData(60.0)]
    [InlineData(5.0)]
    [InlineData(0.5)]
    [InlineData(90.0, -0.2)]
    [InlineData(2.0, 0.1)]
    public void Every_pixel_lies_inside_its_tile_cone(double horizontalFovDeg, double k1 = 0)
    {
        var camera = PerspectiveProjection.FromHorizontalFov(640, 360, horizontalFovDeg, k1: k1);
        var rays = CameraRayMap.Build(camera, 640, 360, CropWindow.Full(camera), new ParallelOptions());
        for (int y = 0; y < rays.Height; y++)
            for (int x = 0; x < rays.Width; x++)
            {
                int k = y * rays.Width + x, t = y / CameraRayMap.TileSize * rays.TilesX + x / CameraRayMap.TileSize;
                var ray = new System.Numerics.Vector3(rays.X[k], rays.Y[k], rays.Z[k]);
                double angle = CameraRayMap.AngleBetween(rays.TileAxis[t], ray);
                Assert.True(angle <= rays.TileRadiusRad[t],
                    $"pixel ({x}, {y}) is {angle:E3} rad from its tile's axis, outside the cone of {rays.TileRadiusRad[t]:E3} rad");
            }
    }
}
