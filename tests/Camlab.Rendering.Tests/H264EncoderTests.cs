using System.Runtime.InteropServices;
using Camlab.Rendering.H264;
using Xunit;

namespace Camlab.Rendering.Tests;

public class H264EncoderTests
{
    private static RgbImage Picture(int width, int height, int shift)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                image.Pixels[i] = (byte)(x + shift);
                image.Pixels[i + 1] = (byte)(y * 2);
                image.Pixels[i + 2] = (byte)((x ^ y) + shift * 3);
            }
        return image;
    }

    private static H264Parameters Params(int gov = 10, H264CodingProfile profile = H264CodingProfile.Baseline, bool cbr = false) =>
        new(FrameRate: 25, GovLength: gov, Profile: profile, BitrateKbps: 2000, ConstantBitRate: cbr);

    [Fact]
    public void Layouts_match_the_openh264_2_3_headers()
    {
        // Measured with gcc offsetof/sizeof on libopenh264-dev 2.3.1's wels/codec_app_def.h (x86-64 System V).
        Assert.Equal(920, Marshal.SizeOf<OpenH264Native.EncParamExt>());
        Assert.Equal(200, Marshal.SizeOf<OpenH264Native.SpatialLayerConfig>());
        Assert.Equal(152, Marshal.SizeOf<OpenH264Native.SliceArgument>());
        Assert.Equal(72, Marshal.SizeOf<OpenH264Native.SourcePicture>());
        Assert.Equal(5144, Marshal.SizeOf<OpenH264Native.FrameBsInfo>());
        Assert.Equal(40, Marshal.SizeOf<OpenH264Native.LayerBsInfo>());
        Assert.Equal(32, (int)Marshal.OffsetOf<OpenH264Native.EncParamExt>("sSpatialLayers"));
        Assert.Equal(832, (int)Marshal.OffsetOf<OpenH264Native.EncParamExt>("iComplexityMode"));
        Assert.Equal(856, (int)Marshal.OffsetOf<OpenH264Native.EncParamExt>("iEntropyCodingModeFlag"));
        Assert.Equal(864, (int)Marshal.OffsetOf<OpenH264Native.EncParamExt>("iMaxBitrate"));
        Assert.Equal(892, (int)Marshal.OffsetOf<OpenH264Native.EncParamExt>("iMultipleThreadIdc"));
        Assert.Equal(908, (int)Marshal.OffsetOf<OpenH264Native.EncParamExt>("bEnableDenoise"));
        Assert.Equal(916, (int)Marshal.OffsetOf<OpenH264Native.EncParamExt>("iIdrBitrateRatio"));
        Assert.Equal(20, (int)Marshal.OffsetOf<OpenH264Native.SpatialLayerConfig>("uiProfileIdc"));
        Assert.Equal(184, (int)Marshal.OffsetOf<OpenH264Native.SpatialLayerConfig>("bVideoSignalTypePresent"));
        Assert.Equal(192, (int)Marshal.OffsetOf<OpenH264Native.SpatialLayerConfig>("eAspectRatio"));
        Assert.Equal(5128, (int)Marshal.OffsetOf<OpenH264Native.FrameBsInfo>("eFrameType"));
        Assert.Equal(5136, (int)Marshal.OffsetOf<OpenH264Native.FrameBsInfo>("uiTimeStamp"));
        Assert.Equal(16, (int)Marshal.OffsetOf<OpenH264Native.LayerBsInfo>("iNalCount"));
        Assert.Equal(32, (int)Marshal.OffsetOf<OpenH264Native.LayerBsInfo>("pBsBuf"));
        Assert.Equal(24, (int)Marshal.OffsetOf<OpenH264Native.SourcePicture>("pData0"));
        Assert.Equal(64, (int)Marshal.OffsetOf<OpenH264Native.SourcePicture>("uiTimeStamp"));
    }

    [Fact]
    public void First_frame_is_an_IDR_with_SPS_and_PPS_and_the_GOP_follows_GovLength()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(320, 240, 70, Params(gov: 5));
        var keys = new List<int>();
        for (int i = 0; i < 16; i++)
        {
            var picture = encoder.Encode(Picture(320, 240, i), keyFrame: false);
            var types = H264Bitstream.NalUnits(picture.Payload).Select(u => H264Bitstream.NalType(picture.Payload.AsSpan(u.Offset, u.Length))).ToList();
            if (picture.IsKeyFrame)
            {
                keys.Add(i);
                Assert.Equal([H264Bitstream.NalSps, H264Bitstream.NalPps, H264Bitstream.NalIdr], types.Where(t => t != 6).ToList());
            }
            else Assert.DoesNotContain(H264Bitstream.NalIdr, types);
        }
        Assert.Equal([0, 5, 10, 15], keys);
    }

    [Fact]
    public void A_requested_key_frame_is_an_IDR_at_once()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(160, 120, 70, Params(gov: 100));
        Assert.True(encoder.Encode(Picture(160, 120, 0), false).IsKeyFrame);
        Assert.False(encoder.Encode(Picture(160, 120, 1), false).IsKeyFrame);
        Assert.True(encoder.Encode(Picture(160, 120, 2), keyFrame: true).IsKeyFrame);
        Assert.False(encoder.Encode(Picture(160, 120, 3), false).IsKeyFrame);
    }

    [Fact]
    public void A_key_frame_asked_for_on_the_first_picture_is_not_repeated_on_the_second()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(160, 120, 70, Params(gov: 100));
        Assert.True(encoder.Encode(Picture(160, 120, 0), keyFrame: true).IsKeyFrame);
        Assert.False(encoder.Encode(Picture(160, 120, 1), false).IsKeyFrame);
    }

    [Theory]
    [InlineData(H264CodingProfile.Baseline, 66)]
    [InlineData(H264CodingProfile.Main, 77)]
    [InlineData(H264CodingProfile.High, 100)]
    public void The_SPS_names_the_configured_profile_and_matches_ParameterSets(H264CodingProfile profile, int profileIdc)
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(640, 360, 70, Params(profile: profile));
        var sets = encoder.ParameterSets();
        var idr = encoder.Encode(Picture(640, 360, 0), true).Payload;
        Assert.True(H264Bitstream.TryGetParameterSets(idr, out var sps, out var pps));
        Assert.True(H264Bitstream.TryGetParameterSets(sets, out var sps2, out var pps2));
        Assert.Equal(sps, sps2);
        Assert.Equal(pps, pps2);
        Assert.Equal(profileIdc, H264Bitstream.SpsProfile(sps).ProfileIdc);
    }

    [Fact]
    public void Many_encoders_initialise_encode_and_uninitialise_cleanly()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        foreach (var (w, h) in new[] { (16, 16), (18, 34), (1280, 720), (1920, 1080), (3840, 2160) })
            for (int round = 0; round < 2; round++)
            {
                using var encoder = new H264Encoder(w, h, 50, Params(cbr: round == 1));
                var a = encoder.Encode(Picture(w, h, 0), false);
                var b = encoder.Encode(Picture(w, h, 9), false);
                Assert.True(a.IsKeyFrame);
                Assert.False(b.IsKeyFrame);
                Assert.NotEmpty(b.Payload);
            }
    }

    [Theory]
    [InlineData(321, 240)]
    [InlineData(4096, 4096)]
    public void Sizes_H264_cannot_code_are_refused_before_the_native_call(int width, int height)
    {
        var e = Assert.Throws<ArgumentException>(() => new H264Encoder(width, height, 50, Params()));
        Assert.Contains($"{width}×{height}", e.Message);
    }

    [Fact]
    public void A_picture_of_another_size_is_refused_and_the_encoder_goes_on()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(160, 120, 70, Params());
        Assert.Throws<ArgumentException>(() => encoder.Encode(Picture(320, 240, 0), false));
        Assert.True(encoder.Encode(Picture(160, 120, 0), false).IsKeyFrame);
        encoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(Picture(160, 120, 0), false));
    }
}
