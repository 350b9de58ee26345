using System.Xml;
using System.Xml.Linq;
using Camlab.Device.Media;
using Camlab.Onvif.Soap;

namespace Camlab.Onvif.Media;

/// <summary>
/// The tt: media configuration types both Media services write and read: tt:VideoSourceConfiguration (ver10 and
/// Media2 alike), tt:VideoEncoderConfiguration (ver10), tt:VideoEncoder2Configuration (Media2) and the options of
/// each, all from <see cref="MediaProfiles"/> and its <see cref="VideoEncoderOffer"/>.
/// </summary>
public static class MediaXml
{
    /// <summary>The RTSP session timeout the server applies (RFC 2326 12.37 default), stated by tt:VideoEncoderConfiguration.</summary>
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(60);

    public static string MimeName(VideoEncoding encoding) => encoding == VideoEncoding.H264 ? "H264" : "JPEG";

    /// <summary>tt:VideoEncoding (ver10) and tt:VideoEncodingMimeNames (Media2) name JPEG and H264 alike.</summary>
    public static VideoEncoding ParseEncoding(string text) => text switch
    {
        "JPEG" => VideoEncoding.Jpeg,
        "H264" => VideoEncoding.H264,
        _ => throw new MediaException(MediaError.ConfigModify, $"Encoding '{EchoedText.Quote(text)}' is not offered (JPEG, H264)"),
    };

    public static void WriteSourceConfiguration(XmlWriter w, string ns, string name, VideoSourceConfiguration c, int useCount)
    {
        w.Start(ns, name);
        w.Attr("token", c.Token);
        w.Tt("Name", c.Name);
        w.Tt("UseCount", useCount);
        w.Tt("SourceToken", c.SourceToken);
        w.Start(OnvifNamespaces.Schema, "Bounds");
        w.Attr("x", OnvifXml.Int(c.X));
        w.Attr("y", OnvifXml.Int(c.Y));
        w.Attr("width", OnvifXml.Int(c.Width));
        w.Attr("height", OnvifXml.Int(c.Height));
        w.End();
        w.End();
    }

    /// <summary>tt:VideoEncoderConfiguration (Media ver10): H264 carries its GovLength and profile.</summary>
    public static void WriteEncoderConfiguration(XmlWriter w, string ns, string name, VideoEncoderConfiguration c, int useCount)
    {
        w.Start(ns, name);
        w.Attr("token", c.Token);
        w.Tt("Name", c.Name);
        w.Tt("UseCount", useCount);
        w.Tt("Encoding", MimeName(c.Encoding));
        WriteResolution(w, "Resolution", new Resolution(c.Width, c.Height));
        w.Tt("Quality", OnvifXml.Float(c.Quality));
        w.Start(OnvifNamespaces.Schema, "RateControl");
        w.Tt("FrameRateLimit", c.FrameRateLimit);
        w.Tt("EncodingInterval", c.EncodingInterval);
        w.Tt("BitrateLimit", c.BitrateLimit);
        w.End();
        if (c.Encoding == VideoEncoding.H264)
        {
            w.Start(OnvifNamespaces.Schema, "H264");
            w.Tt("GovLength", c.GovLength);
            w.Tt("H264Profile", c.H264Profile.ToString());
            w.End();
        }
        // Multicast and SessionTimeout are mandatory in tt:VideoEncoderConfiguration; no multicast is served.
        WriteNoMulticast(w);
        w.Tt("SessionTimeout", OnvifXml.Duration(SessionTimeout));
        w.End();
    }

    /// <summary>The mandatory tt:MulticastConfiguration of a configuration that is streamed unicast only: no group, no AutoStart.</summary>
    public static void WriteNoMulticast(XmlWriter w)
    {
        w.Start(OnvifNamespaces.Schema, "Multicast");
        w.Start(OnvifNamespaces.Schema, "Address");
        w.Tt("Type", "IPv4");
        w.Tt("IPv4Address", "0.0.0.0");
        w.End();
        w.Tt("Port", 0);
        w.Tt("TTL", 1);
        w.Tt("AutoStart", false);
        w.End();
    }

    /// <summary>tt:VideoEncoder2Configuration (Media2): GovLength and Profile are attributes, H.264 only.</summary>
    public static void WriteEncoder2Configuration(XmlWriter w, string ns, string name, VideoEncoderConfiguration c, int useCount)
    {
        w.Start(ns, name);
        w.Attr("token", c.Token);
        if (c.Encoding == VideoEncoding.H264)
        {
            w.Attr("GovLength", OnvifXml.Int(c.GovLength));
            w.Attr("Profile", c.H264Profile.ToString());
        }
        w.Tt("Name", c.Name);
        w.Tt("UseCount", useCount);
        w.Tt("Encoding", MimeName(c.Encoding));
        WriteResolution(w, "Resolution", new Resolution(c.Width, c.Height));
        w.Start(OnvifNamespaces.Schema, "RateControl");
        w.Attr("ConstantBitRate", OnvifXml.Bool(c.Encoding == VideoEncoding.H264 && c.ConstantBitRate));
        w.Tt("FrameRateLimit", OnvifXml.Float(c.FrameRateLimit));
        w.Tt("BitrateLimit", c.BitrateLimit);
        w.End();
        w.Tt("Quality", OnvifXml.Float(c.Quality));
        w.End();
    }

    /// <summary>tt:VideoSourceConfigurationOptions: the bounds are the whole source (the renderer encodes it whole).</summary>
    public static void WriteSourceOptions(XmlWriter w, string ns, IReadOnlyList<VideoSource> sources, int maximumNumberOfProfiles)
    {
        w.Start(ns, "Options");
        w.Attr("MaximumNumberOfProfiles", OnvifXml.Int(maximumNumberOfProfiles));
        w.Start(OnvifNamespaces.Schema, "BoundsRange");
        WriteRange(w, "XRange", 0, 0);
        WriteRange(w, "YRange", 0, 0);
        WriteRange(w, "WidthRange", sources.Min(s => s.Width), sources.Max(s => s.Width));
        WriteRange(w, "HeightRange", sources.Min(s => s.Height), sources.Max(s => s.Height));
        w.End();
        foreach (var source in sources) w.Tt("VideoSourceTokensAvailable", source.Token);
        w.End();
    }

    /// <summary>tt:VideoEncoderConfigurationOptions (Media ver10): JPEG and H264 with their bit-rate ranges in Extension.</summary>
    public static void WriteEncoderOptions(XmlWriter w, string ns, MediaProfiles media, VideoSource? limit)
    {
        var offer = media.Offer;
        var resolutions = media.ResolutionsAvailable(limit);
        var frameRate = media.MaximumFrameRate(limit);
        w.Start(ns, "Options");
        WriteRange(w, "QualityRange", offer.QualityMin, offer.QualityMax);
        void Codec(VideoEncoding encoding, bool withBitrate)
        {
            w.Start(OnvifNamespaces.Schema, encoding == VideoEncoding.H264 ? "H264" : "JPEG");
            foreach (var r in resolutions) WriteResolution(w, "ResolutionsAvailable", r);
            if (encoding == VideoEncoding.H264) WriteRange(w, "GovLengthRange", offer.GovLengthMin, offer.GovLengthMax);
            WriteRange(w, "FrameRateRange", 1, frameRate);
            WriteRange(w, "EncodingIntervalRange", offer.EncodingIntervalMin, offer.EncodingIntervalMax);
            if (encoding == VideoEncoding.H264)
                foreach (var profile in offer.H264Profiles) w.Tt("H264ProfilesSupported", profile.ToString());
            if (withBitrate) WriteRange(w, "BitrateRange", offer.BitrateMin, offer.BitrateMax);
            w.End();
        }
        foreach (var encoding in offer.Encodings) Codec(encoding, false);
        w.Start(OnvifNamespaces.Schema, "Extension");
        foreach (var encoding in offer.Encodings) Codec(encoding, true);
        w.End();
        w.End();
    }

    /// <summary>tt:VideoEncoder2ConfigurationOptions (Media2), one per offered coding.</summary>
    public static void WriteEncoder2Options(XmlWriter w, string ns, MediaProfiles media, VideoSource? limit)
    {
        var offer = media.Offer;
        var resolutions = media.ResolutionsAvailable(limit);
        var frameRates = Enumerable.Range(1, media.MaximumFrameRate(limit)).Reverse().Select(f => OnvifXml.Int(f));
        foreach (var encoding in offer.Encodings)
        {
            var h264 = encoding == VideoEncoding.H264;
            w.Start(ns, "Options");
            if (h264) w.Attr("GovLengthRange", OnvifXml.Int(offer.GovLengthMin) + " " + OnvifXml.Int(offer.GovLengthMax));
            w.Attr("FrameRatesSupported", string.Join(' ', frameRates));
            if (h264) w.Attr("ProfilesSupported", string.Join(' ', offer.H264Profiles));
            w.Attr("ConstantBitRateSupported", OnvifXml.Bool(h264 && offer.ConstantBitRateSupported));
            w.Tt("Encoding", MimeName(encoding));
            w.Start(OnvifNamespaces.Schema, "QualityRange");
            w.Tt("Min", OnvifXml.Float(offer.QualityMin));
            w.Tt("Max", OnvifXml.Float(offer.QualityMax));
            w.End();
            foreach (var r in resolutions) WriteResolution(w, "ResolutionsAvailable", r);
            WriteRange(w, "BitrateRange", offer.BitrateMin, offer.BitrateMax);
            w.End();
        }
    }

    /// <summary>Reads a tt:VideoSourceConfiguration of a Set request (every part the schema requires).</summary>
    public static VideoSourceConfiguration ReadSourceConfiguration(XElement e)
    {
        var token = e.AttrToken("token") ?? throw OnvifFaults.InvalidArgs("Configuration/@token is required");
        var bounds = e.RequiredChild("Bounds");
        int Bound(string name) => int.TryParse(bounds.Attr(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v : throw OnvifFaults.InvalidArgs($"Bounds/@{name} is required and an integer");
        return new VideoSourceConfiguration(token, e.RequiredText("Name"), e.RequiredToken("SourceToken"), Bound("x"), Bound("y"), Bound("width"), Bound("height"));
    }

    /// <summary>
    /// Reads a tt:VideoEncoderConfiguration (ver10) over <paramref name="current"/>: what the request leaves out
    /// (RateControl, H264) stays. Multicast with AutoStart and a SessionTimeout other than the server's are refused.
    /// </summary>
    public static VideoEncoderConfiguration ReadEncoderConfiguration(XElement e, VideoEncoderConfiguration current)
    {
        var c = ReadCommon(e, current);
        if (e.Child("RateControl") is { } rate)
            c = c with
            {
                FrameRateLimit = rate.ChildInt("FrameRateLimit") ?? c.FrameRateLimit,
                EncodingInterval = rate.ChildInt("EncodingInterval") ?? c.EncodingInterval,
                BitrateLimit = rate.ChildInt("BitrateLimit") ?? c.BitrateLimit,
            };
        if (e.Child("H264") is { } h264)
            c = c with
            {
                GovLength = h264.ChildInt("GovLength") ?? c.GovLength,
                H264Profile = h264.ChildText("H264Profile") is { } p ? ParseProfile(p) : c.H264Profile,
            };
        if (e.Child("MPEG4") is not null) throw new MediaException(MediaError.ConfigModify, "MPEG4 is not offered");
        if (e.Child("Multicast") is { } multicast && multicast.ChildBool("AutoStart") == true)
            throw new MediaException(MediaError.ConfigModify, "Multicast/AutoStart: multicast streaming is not served");
        if (e.ChildDuration("SessionTimeout") is { } timeout && timeout != SessionTimeout)
            throw new MediaException(MediaError.ConfigModify, $"SessionTimeout is the RTSP server's {OnvifXml.Duration(SessionTimeout)}");
        return c;
    }

    /// <summary>Reads a tt:VideoEncoder2Configuration (Media2) over <paramref name="current"/> (EncodingInterval stays).</summary>
    public static VideoEncoderConfiguration ReadEncoder2Configuration(XElement e, VideoEncoderConfiguration current)
    {
        var c = ReadCommon(e, current);
        if (e.Attr("GovLength") is { } gov)
            c = c with { GovLength = int.TryParse(gov, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : throw OnvifFaults.InvalidArgs("@GovLength is not an integer") };
        if (e.Attr("Profile") is { } profile) c = c with { H264Profile = ParseProfile(profile) };
        if (e.Child("RateControl") is { } rate)
        {
            var fps = rate.ChildFloat("FrameRateLimit") ?? throw OnvifFaults.InvalidArgs("RateControl/FrameRateLimit is required");
            if (fps != MathF.Round(fps) || fps is < 1 or > 1000)
                throw new MediaException(MediaError.ConfigModify, $"FrameRateLimit {OnvifXml.Float(fps)} is not one of FrameRatesSupported");
            var cbr = rate.Attr("ConstantBitRate") switch
            {
                null => c.ConstantBitRate,
                "true" or "1" => true,
                "false" or "0" => false,
                var other => throw OnvifFaults.InvalidArgs($"RateControl/@ConstantBitRate is not a boolean: '{EchoedText.Quote(other)}'"),
            };
            c = c with
            {
                FrameRateLimit = (int)fps,
                BitrateLimit = rate.ChildInt("BitrateLimit") ?? throw OnvifFaults.InvalidArgs("RateControl/BitrateLimit is required"),
                ConstantBitRate = cbr,
            };
        }
        if (e.Child("Multicast") is { } multicast && multicast.ChildBool("AutoStart") == true)
            throw new MediaException(MediaError.ConfigModify, "Multicast/AutoStart: multicast streaming is not served");
        return c;
    }

    private static H264Profile ParseProfile(string text) => text switch
    {
        "Baseline" => H264Profile.Baseline,
        "Main" => H264Profile.Main,
        "High" => H264Profile.High,
        _ => throw new MediaException(MediaError.ConfigModify, $"H.264 profile '{EchoedText.Quote(text)}' is not offered"),
    };

    // What tt:VideoEncoderConfiguration and tt:VideoEncoder2Configuration share: name, coding, size, quality.
    private static VideoEncoderConfiguration ReadCommon(XElement e, VideoEncoderConfiguration current)
    {
        var resolution = e.RequiredChild("Resolution");
        return current with
        {
            Name = e.RequiredText("Name"),
            Encoding = ParseEncoding(e.RequiredText("Encoding")),
            Quality = e.ChildFloat("Quality") ?? throw OnvifFaults.InvalidArgs("Configuration/Quality is required"),
            Width = resolution.ChildInt("Width") ?? throw OnvifFaults.InvalidArgs("Resolution/Width is required"),
            Height = resolution.ChildInt("Height") ?? throw OnvifFaults.InvalidArgs("Resolution/Height is required"),
        };
    }

    private static void WriteResolution(XmlWriter w, string name, Resolution r)
    {
        w.Start(OnvifNamespaces.Schema, name);
        w.Tt("Width", r.Width);
        w.Tt("Height", r.Height);
        w.End();
    }

    private static void WriteRange(XmlWriter w, string name, int min, int max)
    {
        w.Start(OnvifNamespaces.Schema, name);
        w.Tt("Min", min);
        w.Tt("Max", max);
        w.End();
    }
}
