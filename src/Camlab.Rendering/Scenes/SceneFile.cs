using Camlab.Rendering.Jpeg;

namespace Camlab.Rendering.Scenes;

/// <summary>A user's equirectangular JPEG as the scene (<c>--scene FILE.jpg</c>), with the default scene's movers and ground.</summary>
public static class SceneFile
{
    public static Scene LoadJpeg(string path, double cameraHeightM = DefaultScene.CameraHeightM)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = File.ReadAllBytes(path);
        RgbImage image;
        try
        {
            using var decoder = new JpegDecoder();
            image = decoder.Decode(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        if (image.Width != 2 * image.Height)
            throw new InvalidDataException($"{path}: an equirectangular panorama is twice as wide as it is tall (360°×180°), this image is {image.Width}×{image.Height}");
        return new Scene(Panorama.FromImage(image), DefaultScene.MovingObjects(), cameraHeightM);
    }
}
