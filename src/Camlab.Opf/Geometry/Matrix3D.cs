namespace Camlab.Opf.Geometry;

/// <summary>A 3×3 matrix of doubles, row-major (M12 is row 1, column 2), used for rotations.</summary>
public readonly record struct Matrix3D(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    public static Matrix3D Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Rx(a) = [[1,0,0],[0,ca,−sa],[0,sa,ca]] (a in radians).</summary>
    public static Matrix3D RotationX(double a)
    {
        var (s, c) = Math.SinCos(a);
        return new(1, 0, 0, 0, c, -s, 0, s, c);
    }

    /// <summary>Ry(a) = [[ca,0,sa],[0,1,0],[−sa,0,ca]] (a in radians).</summary>
    public static Matrix3D RotationY(double a)
    {
        var (s, c) = Math.SinCos(a);
        return new(c, 0, s, 0, 1, 0, -s, 0, c);
    }

    /// <summary>Rz(a) = [[ca,−sa,0],[sa,ca,0],[0,0,1]] (a in radians).</summary>
    public static Matrix3D RotationZ(double a)
    {
        var (s, c) = Math.SinCos(a);
        return new(c, -s, 0, s, c, 0, 0, 0, 1);
    }

    public Matrix3D Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    public double Determinant =>
        M11 * (M22 * M33 - M23 * M32) - M12 * (M21 * M33 - M23 * M31) + M13 * (M21 * M32 - M22 * M31);

    public Vector3D Column(int index) => index switch
    {
        0 => new(M11, M21, M31),
        1 => new(M12, M22, M32),
        2 => new(M13, M23, M33),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>The largest absolute difference between entries.</summary>
    public double MaxDifference(Matrix3D o) => new[]
    {
        M11 - o.M11, M12 - o.M12, M13 - o.M13, M21 - o.M21, M22 - o.M22, M23 - o.M23, M31 - o.M31, M32 - o.M32, M33 - o.M33,
    }.Max(Math.Abs);

    public static Matrix3D operator *(Matrix3D a, Matrix3D b) => new(
        a.M11 * b.M11 + a.M12 * b.M21 + a.M13 * b.M31, a.M11 * b.M12 + a.M12 * b.M22 + a.M13 * b.M32, a.M11 * b.M13 + a.M12 * b.M23 + a.M13 * b.M33,
        a.M21 * b.M11 + a.M22 * b.M21 + a.M23 * b.M31, a.M21 * b.M12 + a.M22 * b.M22 + a.M23 * b.M32, a.M21 * b.M13 + a.M22 * b.M23 + a.M23 * b.M33,
        a.M31 * b.M11 + a.M32 * b.M21 + a.M33 * b.M31, a.M31 * b.M12 + a.M32 * b.M22 + a.M33 * b.M32, a.M31 * b.M13 + a.M32 * b.M23 + a.M33 * b.M33);

    public static Vector3D operator *(Matrix3D m, Vector3D v) => new(
        m.M11 * v.X + m.M12 * v.Y + m.M13 * v.Z,
        m.M21 * v.X + m.M22 * v.Y + m.M23 * v.Z,
        m.M31 * v.X + m.M32 * v.Y + m.M33 * v.Z);
}
