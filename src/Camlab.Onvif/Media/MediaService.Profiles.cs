using System.Xml;
using Camlab.Device.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

// Media 5.2: CreateProfile, DeleteProfile, Add/Remove VideoSource and VideoEncoder configurations, SetSynchronizationPoint.
public sealed partial class MediaService
{
    private void CreateProfile(SoapRequest request, XmlWriter w)
    {
        var name = ProfileName(request.Body.RequiredText("Name"));
        var token = request.Body.ChildToken("Token");
        if (token is { Length: 0 }) throw OnvifFaults.InvalidArgs("CreateProfile/Token is empty");
        var profile = MediaFaults.Guard(() => _profiles.CreateProfile(name, token));
        w.Start(OnvifNamespaces.Media, "CreateProfileResponse");
        WriteProfile(w, "Profile", profile);
        w.End();
    }

    private void DeleteProfile(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ProfileToken");
        MediaFaults.Guard(() => _profiles.DeleteProfile(token));
        w.WriteElementString("DeleteProfileResponse", OnvifNamespaces.Media, "");
    }

    private void AddVideoSourceConfiguration(SoapRequest request, XmlWriter w) =>
        Add(request, w, "AddVideoSourceConfigurationResponse", _profiles.AddVideoSourceConfiguration);

    private void AddVideoEncoderConfiguration(SoapRequest request, XmlWriter w) =>
        Add(request, w, "AddVideoEncoderConfigurationResponse", _profiles.AddVideoEncoderConfiguration);

    private void AddPtzConfiguration(SoapRequest request, XmlWriter w) =>
        Add(request, w, "AddPTZConfigurationResponse", _profiles.AddPtzConfiguration);

    private void RemoveVideoSourceConfiguration(SoapRequest request, XmlWriter w) =>
        Remove(request, w, "RemoveVideoSourceConfigurationResponse", _profiles.RemoveVideoSourceConfiguration);

    private void RemoveVideoEncoderConfiguration(SoapRequest request, XmlWriter w) =>
        Remove(request, w, "RemoveVideoEncoderConfigurationResponse", _profiles.RemoveVideoEncoderConfiguration);

    private void RemovePtzConfiguration(SoapRequest request, XmlWriter w) =>
        Remove(request, w, "RemovePTZConfigurationResponse", _profiles.RemovePtzConfiguration);

    // Media 5.15.x SetSynchronizationPoint: the profile's running streams send a key frame next.
    private void SetSynchronizationPoint(SoapRequest request, XmlWriter w)
    {
        var token = request.Body.RequiredToken("ProfileToken");
        MediaFaults.Guard(() => _profiles.SetSynchronizationPoint(token));
        w.WriteElementString("SetSynchronizationPointResponse", OnvifNamespaces.Media, "");
    }

    private static void Add(SoapRequest request, XmlWriter w, string response, Action<string, string> add)
    {
        var profile = request.Body.RequiredToken("ProfileToken");
        var configuration = request.Body.RequiredToken("ConfigurationToken");
        MediaFaults.Guard(() => add(profile, configuration));
        w.WriteElementString(response, OnvifNamespaces.Media, "");
    }

    private static void Remove(SoapRequest request, XmlWriter w, string response, Action<string> remove)
    {
        var profile = request.Body.RequiredToken("ProfileToken");
        MediaFaults.Guard(() => remove(profile));
        w.WriteElementString(response, OnvifNamespaces.Media, "");
    }

    /// <summary>tt:Name: 1..64 characters.</summary>
    internal static string ProfileName(string name) =>
        name.Length is > 0 and <= 64 && !name.Any(char.IsControl) ? name
            : throw OnvifFaults.InvalidArgs($"Name '{EchoedText.Quote(name)}' is not a tt:Name of 1..64 characters");
}
