using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Ptz;

/// <summary>What a media profile token leads to for a PTZ operation (PTZ 5.x faults NoProfile / NoPTZProfile).</summary>
public enum PtzProfileResolution { Found, NoProfile, NoPtzProfile }

/// <summary>
/// The answer of a <see cref="PtzProfileResolver{T}"/>: the profile's resolution and, when found, the per-node target
/// of the operation (the node's preset tour engine, its GeoMove binding...). A found profile whose node lacks the
/// feature carries a null target.
/// </summary>
public readonly record struct PtzProfileBinding<T>(PtzProfileResolution Resolution, T? Target) where T : class
{
    public static PtzProfileBinding<T> Of(T? target) => new(PtzProfileResolution.Found, target);

    public static readonly PtzProfileBinding<T> NoProfile = new(PtzProfileResolution.NoProfile, null);

    public static readonly PtzProfileBinding<T> NoPtzProfile = new(PtzProfileResolution.NoPtzProfile, null);
}

/// <summary>Media profile token → the PTZ node feature an operation works on. Supplied by the integrator.</summary>
public delegate PtzProfileBinding<T> PtzProfileResolver<T>(string profileToken) where T : class;

internal static class PtzProfileResolverExtensions
{
    /// <summary>The target for the request's ProfileToken, or the fault the specification names.</summary>
    public static T ResolveOrFault<T>(this PtzProfileResolver<T> resolver, string profileToken, Func<SoapFaultException> unsupported)
        where T : class
    {
        var binding = resolver(profileToken);
        return binding.Resolution switch
        {
            PtzProfileResolution.NoProfile => throw OnvifFaults.InvalidArgVal("NoProfile", $"profile '{profileToken}' does not exist"),
            PtzProfileResolution.NoPtzProfile => throw OnvifFaults.InvalidArgVal("NoPTZProfile", $"profile '{profileToken}' has no PTZ configuration"),
            _ => binding.Target ?? throw unsupported(),
        };
    }
}
