namespace Camlab.Opf.Geometry;

/// <summary>A 3D vector of doubles (rays, positions, axes).</summary>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D Zero => default;
    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);
    public Vector3D Normalized() { var l = Length; return l == 0 ? this : new Vector3D(X / l, Y / l, Z / l); }
    public double Dot(Vector3D o) => X * o.X + Y * o.Y + Z * o.Z;
    public Vector3D Cross(Vector3D o) => new(Y * o.Z - Z * o.Y, Z * o.X - X * o.Z, X * o.Y - Y * o.X);

    /// <summary>The angle between two directions, in radians (stable for small angles).</summary>
    public double AngleTo(Vector3D o) => Math.Atan2(Cross(o).Length, Dot(o));

    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vector3D operator -(Vector3D a) => new(-a.X, -a.Y, -a.Z);
    public static Vector3D operator *(double s, Vector3D a) => new(s * a.X, s * a.Y, s * a.Z);
    public static Vector3D operator *(Vector3D a, double s) => s * a;

    /// <summary>From a 3-item OPF vector.</summary>
    public static Vector3D From(IReadOnlyList<double> v)
    {
        if (v.Count != 3) throw new ArgumentException("a 3D vector needs exactly 3 numbers", nameof(v));
        return new Vector3D(v[0], v[1], v[2]);
    }
}

/// <summary>A 2D point or vector of doubles; pixels use (0, 0) at the top-left corner of the top-left pixel.</summary>
public readonly record struct Vector2D(double X, double Y)
{
    public double Length => Math.Sqrt(X * X + Y * Y);
    public static Vector2D operator +(Vector2D a, Vector2D b) => new(a.X + b.X, a.Y + b.Y);
    public static Vector2D operator -(Vector2D a, Vector2D b) => new(a.X - b.X, a.Y - b.Y);

    /// <summary>The centre of pixel (column, row), which OPF puts at (column + 0.5, row + 0.5).</summary>
    public static Vector2D PixelCentre(int column, int row) => new(column + 0.5, row + 0.5);
}
