namespace Camlab.Opf.Model;

/// <summary>A priori pose of a secondary sensor relative to the reference camera (metres and degrees).</summary>
public sealed class InputRigRelatives : OpfObject
{
    public RigRelativeTranslation Translation { get; set; } = new();
    public RigRelativeRotation Rotation { get; set; } = new();
}

/// <summary>Translation of the secondary sensor in the image CS of the reference sensor.</summary>
public sealed class RigRelativeTranslation : OpfObject
{
    public double[] ValuesM { get; set; } = [0, 0, 0];
    public double[] SigmasM { get; set; } = [0, 0, 0];
}

/// <summary>Rotation of the secondary sensor as Euler angles (α, β, γ) in degrees.</summary>
public sealed class RigRelativeRotation : OpfObject
{
    public double[] AnglesDeg { get; set; } = [0, 0, 0];
    public double[] SigmasDeg { get; set; } = [0, 0, 0];
}
