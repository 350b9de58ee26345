using System.Numerics;
using Camlab.Opf.Geometry;
using Camlab.Rendering;
using Camlab.Rendering.Geometry;

namespace Camlab.Server.Optics;

/// <summary>
/// An OPF camera model (perspective with Brown distortion, or Pix4D fisheye) as the renderer's
/// <see cref="ICameraProjection"/>. Both use the camera-vision frame and put pixel centres at +0.5, so rays
/// and pixels pass through unchanged. Equality is by value (the renderer caches ray maps per projection):
/// the fisheye polynomial is compared element by element, not by list reference.
/// </summary>
public sealed record OpfProjection : ICameraProjection
{
    private readonly ICameraModel _model;
    private readonly ICameraModel _key;       // the model with its polynomial taken out (records compare lists by reference)
    private readonly double[] _polynomial;

    public OpfProjection(ICameraModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not (PerspectiveModel or FisheyeModel))
            throw new ArgumentException($"only perspective and fisheye internals can be rendered, not {model.GetType().Name}", nameof(model));
        if (model.Width < 1 || model.Height < 1 || model.Width != Math.Floor(model.Width) || model.Height != Math.Floor(model.Height))
            throw new ArgumentException($"the image size {model.Width}×{model.Height} must be whole and positive", nameof(model));
        _model = model;
        if (model is FisheyeModel f)
        {
            _polynomial = [.. f.Polynomial];
            _key = f with { Polynomial = Array.Empty<double>() };
        }
        else
        {
            _polynomial = [];
            _key = model;
        }
    }

    public ICameraModel Model => _model;

    public int ImageWidth => (int)_model.Width;

    public int ImageHeight => (int)_model.Height;

    /// <summary>The focal length in pixels: f for perspective, the equivalent 2c/π for fisheye.</summary>
    public double FocalLengthPx => _model switch
    {
        PerspectiveModel p => p.FocalLengthPx,
        FisheyeModel f => f.FocalLengthPx,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>
    /// The same camera at another focal length (a zoom): the image scales about the principal point, the
    /// distortion stays what it is in normalised coordinates.
    /// </summary>
    public OpfProjection WithFocalLengthPx(double focalLengthPx)
    {
        if (!(focalLengthPx > 0) || !double.IsFinite(focalLengthPx)) throw new ArgumentOutOfRangeException(nameof(focalLengthPx), focalLengthPx, "the focal length must be positive");
        return _model switch
        {
            PerspectiveModel p => new OpfProjection(p with { FocalLengthPx = focalLengthPx }),
            FisheyeModel f => Scaled(f, focalLengthPx / f.FocalLengthPx),
            _ => throw new InvalidOperationException(),
        };
    }

    private static OpfProjection Scaled(FisheyeModel f, double k) =>
        new(f with { C = f.C * k, D = f.D * k, E = f.E * k, F = f.F * k });

    public bool TryUnproject(double u, double v, out Vector3 ray)
    {
        if (_model.TryUnproject(new Vector2D(u, v), out var r))
        {
            ray = new Vector3((float)r.X, (float)r.Y, (float)r.Z);
            return true;
        }
        ray = default;
        return false;
    }

    public bool TryProject(Vector3 ray, out double u, out double v)
    {
        if (_model.TryProject(new Vector3D(ray.X, ray.Y, ray.Z), out var p))
        {
            (u, v) = (p.X, p.Y);
            return true;
        }
        (u, v) = (0, 0);
        return false;
    }

    public bool Equals(OpfProjection? other) =>
        other is not null && _key.Equals(other._key) && _polynomial.AsSpan().SequenceEqual(other._polynomial);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_key);
        foreach (var p in _polynomial) hash.Add(p);
        return hash.ToHashCode();
    }

    public override string ToString() => $"OpfProjection {_model.GetType().Name} {ImageWidth}×{ImageHeight}, f {FocalLengthPx:0.##} px";
}
