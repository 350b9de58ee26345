namespace Camlab.Rendering.Analysis;

/// <summary>
/// Sharpness of a frame as the variance of the 4-neighbour Laplacian of its luma (Pech-Pacheco et al.
/// 2000): blur removes high frequencies and lowers it; auto-focus maximises it; ImageTooBlurry tests it.
/// </summary>
public static class FocusMeasure
{
    public static double VarianceOfLaplacian(RgbImage image) => VarianceOfLaplacian(image, 0, 0, image.Width, image.Height);

    public static double VarianceOfLaplacian(RgbImage image, int left, int top, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (left < 0 || top < 0 || width < 3 || height < 3 || left + width > image.Width || top + height > image.Height)
            throw new ArgumentOutOfRangeException(nameof(left), $"rectangle ({left}, {top}, {width}×{height}) must be at least 3×3 and inside the {image.Width}×{image.Height} image");
        var luma = new int[width * height];
        var px = image.Pixels;
        for (int y = 0; y < height; y++)
        {
            int i = ((top + y) * image.Width + left) * 3;
            for (int x = 0; x < width; x++, i += 3) luma[y * width + x] = 77 * px[i] + 150 * px[i + 1] + 29 * px[i + 2];
        }
        double sum = 0, sumSq = 0;
        for (int y = 1; y < height - 1; y++)
            for (int x = 1; x < width - 1; x++)
            {
                int k = y * width + x;
                double l = (luma[k - 1] + luma[k + 1] + luma[k - width] + luma[k + width] - 4 * luma[k]) / 256.0;
                sum += l;
                sumSq += l * l;
            }
        long n = (long)(width - 2) * (height - 2);
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }
}
