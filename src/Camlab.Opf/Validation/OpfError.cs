namespace Camlab.Opf.Validation;

/// <summary>
/// One problem of an OPF document: where (an RFC 6901 JSON pointer such as <c>/sensors/0/bands/1/weight</c>;
/// the empty string is the whole document) and what, in words a person understands.
/// </summary>
public sealed record OpfError(string Pointer, string Message)
{
    public override string ToString() => $"{(Pointer.Length == 0 ? "(root)" : Pointer)}: {Message}";
}
