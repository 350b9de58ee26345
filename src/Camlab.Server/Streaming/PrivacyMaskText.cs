using System.Globalization;
using System.Text;
using Camlab.Rendering;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Streaming;

/// <summary>
/// The ASCII form of a source's privacy masks in the 0x08 native data header (the specification leaves the
/// format open): polygons separated by ';', vertices separated by ' ', each vertex "pan,tilt" in degrees of the
/// mount's pan/tilt space with up to three decimals, e.g. <c>10,-5 20,-5 20,5;…</c>. Empty when there is none.
/// The pixels are already black in the JPEG; the string lets a client that caches masks know which ones.
/// </summary>
public static class PrivacyMaskText
{
    public static string Format(IReadOnlyList<PrivacyMask> masks)
    {
        if (masks.Count == 0) return "";
        var text = new StringBuilder();
        foreach (var mask in masks)
        {
            if (text.Length > 0) text.Append(';');
            for (int i = 0; i < mask.Vertices.Count; i++)
            {
                if (i > 0) text.Append(' ');
                var v = mask.Vertices[i];
                text.Append(Math.Round(v.PanDeg, 3).ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(Math.Round(v.TiltDeg, 3).ToString(CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}
