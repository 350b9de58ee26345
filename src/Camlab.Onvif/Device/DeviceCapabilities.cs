using System.Xml;
using Camlab.Onvif.Security;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Device;

/// <summary>
/// GetServices, GetCapabilities and the device service's own capabilities — all built from the camera's
/// <see cref="OnvifServiceSet"/>, so a service that is not registered is never advertised.
/// </summary>
internal static class DeviceCapabilities
{
    private static readonly (string Category, string Namespace)[] Categories =
    [
        ("Device", OnvifNamespaces.Device), ("Events", OnvifNamespaces.Events), ("Imaging", OnvifNamespaces.Imaging),
        ("Media", OnvifNamespaces.Media), ("PTZ", OnvifNamespaces.Ptz),
    ];

    /// <summary>tds:Capabilities (GetServiceCapabilities and GetServices/Capabilities).</summary>
    public static void WriteServiceCapabilities(XmlWriter w, bool discoveryEnabled)
    {
        w.Start(OnvifNamespaces.Device, "Capabilities");
        w.Start(OnvifNamespaces.Device, "Network");
        w.Attr("IPFilter", "false");
        w.Attr("ZeroConfiguration", "false");
        w.Attr("IPVersion6", "false");
        w.Attr("DynDNS", "false");
        w.Attr("HostnameFromDHCP", "false");
        w.End();
        w.Start(OnvifNamespaces.Device, "Security");
        w.Attr("TLS1.2", "false");
        w.Attr("DefaultAccessPolicy", "true");
        w.Attr("UsernameToken", "true");
        w.Attr("HttpDigest", "true");
        w.Attr("MaxUsers", OnvifXml.Int(UserDirectory.MaxUsers));
        w.Attr("MaxUserNameLength", OnvifXml.Int(UserDirectory.MaxUserNameLength));
        w.Attr("MaxPasswordLength", OnvifXml.Int(UserDirectory.MaxPasswordLength));
        w.End();
        w.Start(OnvifNamespaces.Device, "System");
        w.Attr("DiscoveryResolve", OnvifXml.Bool(discoveryEnabled));
        w.Attr("DiscoveryBye", OnvifXml.Bool(discoveryEnabled));
        w.Attr("RemoteDiscovery", "false");
        w.Attr("SystemBackup", "false");
        w.Attr("SystemLogging", "false");
        w.Attr("HttpFirmwareUpgrade", "false");
        w.End();
        w.End();
    }

    public static void WriteGetServices(SoapRequest request, XmlWriter w, OnvifServiceSet services)
    {
        var include = request.Body.ChildBool("IncludeCapability")
            ?? throw OnvifFaults.InvalidArgs("GetServices/IncludeCapability is required");
        w.Start(OnvifNamespaces.Device, "GetServicesResponse");
        foreach (var service in services.Services)
        {
            w.Start(OnvifNamespaces.Device, "Service");
            w.Element(OnvifNamespaces.Device, "Namespace", service.Namespace);
            w.Element(OnvifNamespaces.Device, "XAddr", request.ServiceAddress(service.PathSegment));
            if (include)
            {
                w.Start(OnvifNamespaces.Device, "Capabilities");
                service.WriteCapabilities(w);
                w.End();
            }
            w.Start(OnvifNamespaces.Device, "Version");
            w.Tt("Major", service.Version.Major);
            w.Tt("Minor", service.Version.Minor);
            w.End();
            w.End();
        }
        w.End();
    }

    /// <summary>GetCapabilities (the ver10 call older clients use): one element per registered service category.</summary>
    public static void WriteGetCapabilities(SoapRequest request, XmlWriter w, OnvifServiceSet services, bool discoveryEnabled)
    {
        var requested = request.Body.Children("Category").Select(c => c.Value.Trim()).ToList();
        var all = requested.Count == 0 || requested.Contains("All");
        if (all) requested = Categories.Select(c => c.Category).ToList();
        else
        {
            // Core spec 8.1.2.2: asking for a category the device does not have is ter:NoSuchService.
            foreach (var category in requested)
            {
                var known = Categories.FirstOrDefault(c => c.Category == category);
                if (known.Category is null && category != "Analytics")
                    throw OnvifFaults.InvalidArgs($"'{category}' is not a tt:CapabilityCategory");
                if (known.Category is null || services.FindByNamespace(known.Namespace) is null)
                    throw OnvifFaults.ActionNotSupported("NoSuchService", $"the device has no {category} service");
            }
        }

        w.Start(OnvifNamespaces.Device, "GetCapabilitiesResponse");
        w.Start(OnvifNamespaces.Device, "Capabilities");
        string? XAddr(string ns) => services.FindByNamespace(ns) is { } s ? request.ServiceAddress(s.PathSegment) : null;

        if (requested.Contains("Device") && XAddr(OnvifNamespaces.Device) is { } device)
        {
            w.Start(OnvifNamespaces.Schema, "Device");
            w.Tt("XAddr", device);
            w.Start(OnvifNamespaces.Schema, "Network");
            w.Tt("IPFilter", false);
            w.Tt("ZeroConfiguration", false);
            w.Tt("IPVersion6", false);
            w.Tt("DynDNS", false);
            w.End();
            w.Start(OnvifNamespaces.Schema, "System");
            w.Tt("DiscoveryResolve", discoveryEnabled);
            w.Tt("DiscoveryBye", discoveryEnabled);
            w.Tt("RemoteDiscovery", false);
            w.Tt("SystemBackup", false);
            w.Tt("SystemLogging", false);
            w.Tt("FirmwareUpgrade", false);
            foreach (var (major, minor) in new[] { (2, 0), (23, 6) })
            {
                w.Start(OnvifNamespaces.Schema, "SupportedVersions");
                w.Tt("Major", major);
                w.Tt("Minor", minor);
                w.End();
            }
            w.End();
            w.Start(OnvifNamespaces.Schema, "Security");
            foreach (var name in new[] { "TLS1.1", "TLS1.2", "OnboardKeyGeneration", "AccessPolicyConfig", "X.509Token", "SAMLToken", "KerberosToken", "RELToken" })
                w.Tt(name, false);
            w.End();
            w.End();
        }
        if (requested.Contains("Events") && XAddr(OnvifNamespaces.Events) is { } events)
        {
            w.Start(OnvifNamespaces.Schema, "Events");
            w.Tt("XAddr", events);
            w.Tt("WSSubscriptionPolicySupport", false);
            w.Tt("WSPullPointSupport", true);
            w.Tt("WSPausableSubscriptionManagerInterfaceSupport", false);
            w.End();
        }
        if (requested.Contains("Imaging") && XAddr(OnvifNamespaces.Imaging) is { } imaging)
        {
            w.Start(OnvifNamespaces.Schema, "Imaging");
            w.Tt("XAddr", imaging);
            w.End();
        }
        if (requested.Contains("Media") && XAddr(OnvifNamespaces.Media) is { } media)
        {
            w.Start(OnvifNamespaces.Schema, "Media");
            w.Tt("XAddr", media);
            w.Start(OnvifNamespaces.Schema, "StreamingCapabilities");
            // The Media service's own statement: the same truth in both places.
            var streaming = (services.FindByNamespace(OnvifNamespaces.Media) as Media.MediaService)?.Streaming ?? Media.StreamingCapabilities.None;
            w.Tt("RTPMulticast", streaming.RtpMulticast);
            w.Tt("RTP_TCP", streaming.RtpTcp);
            w.Tt("RTP_RTSP_TCP", streaming.RtpRtspTcp);
            w.End();
            w.End();
        }
        if (requested.Contains("PTZ") && XAddr(OnvifNamespaces.Ptz) is { } ptz)
        {
            w.Start(OnvifNamespaces.Schema, "PTZ");
            w.Tt("XAddr", ptz);
            w.End();
        }
        w.End();
        w.End();
    }
}
