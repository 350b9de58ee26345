using Xunit;

namespace Camlab.Testing;

/// <summary>
/// Locates the repository and <c>../shared</c> beside it (CI clones the repo with shared/ as a sibling).
/// Tests that need the official WSDL/XSD or OPF schemas use <see cref="RequiresSharedFactAttribute"/> so
/// they skip with a clear message when that folder is absent.
/// </summary>
public static class SharedRef
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared folder, or null when it is not beside the checkout.</summary>
    public static string? SharedDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("CAMLAB_SHARED");
            if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
            var beside = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            return Directory.Exists(Path.Combine(beside, "ref")) ? beside : null;
        }
    }

    public static string? OnvifSchemaDirectory => Sub("ref/onvif");
    public static string? OpfSchemaDirectory => Sub("ref/opf-schemas");
    public static string? SpecsDirectory => Sub("specs");

    private static string? Sub(string relative)
    {
        var shared = SharedDirectory;
        if (shared is null) return null;
        var path = Path.Combine(shared, relative);
        return Directory.Exists(path) ? path : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Camlab.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Camlab.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that skips, saying why, when <c>../shared/ref</c> is not beside the checkout.</summary>
public sealed class RequiresSharedFactAttribute : FactAttribute
{
    public RequiresSharedFactAttribute()
    {
        if (SharedRef.SharedDirectory is null)
            Skip = "../shared (official WSDL/XSD and OPF schemas) is not beside the checkout; set CAMLAB_SHARED to run this test";
    }
}

/// <summary>A theory that skips, saying why, when <c>../shared/ref</c> is not beside the checkout.</summary>
public sealed class RequiresSharedTheoryAttribute : TheoryAttribute
{
    public RequiresSharedTheoryAttribute()
    {
        if (SharedRef.SharedDirectory is null)
            Skip = "../shared (official WSDL/XSD and OPF schemas) is not beside the checkout; set CAMLAB_SHARED to run this test";
    }
}
