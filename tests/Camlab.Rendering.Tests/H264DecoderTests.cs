using System.Runtime.InteropServices;
using Camlab.Rendering.Encoding;
using Camlab.Rendering.H264;
using Camlab.Rendering.Jpeg;
using Camlab.Rendering.Transcoding;
using Xunit;

namespace Camlab.Rendering.Tests;

public class H264DecoderTests
{
    private static H264Parameters Params(int gov = 10) => new(FrameRate: 25, GovLength: gov, Profile: H264CodingProfile.Main, BitrateKbps: 4000, ConstantBitRate: false);

    /// <summary>A smooth picture with edges, moving with <paramref name="shift"/>: what a camera frame looks like to a codec.</summary>
    private static RgbImage Scene(int width, int height, int shift)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                bool box = Math.Abs(x - width / 3 - shift) < width / 8 && Math.Abs(y - height / 2) < height / 6;
                image.Pixels[i] = box ? (byte)220 : (byte)(x * 200 / width + 20);
                image.Pixels[i + 1] = box ? (byte)40 : (byte)(y * 180 / height + 30);
                image.Pixels[i + 2] = (byte)(128 + 60 * Math.Sin((x + shift) / 17.0) * Math.Cos(y / 23.0));
            }
        return image;
    }

    private static double Psnr(RgbImage a, RgbImage b)
    {
        Assert.Equal(a.Pixels.Length, b.Pixels.Length);
        double sum = 0;
        for (int i = 0; i < a.Pixels.Length; i++) { double d = a.Pixels[i] - b.Pixels[i]; sum += d * d; }
        double mse = sum / a.Pixels.Length;
        return mse == 0 ? 99 : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    [Fact]
    public void Layouts_match_the_openh264_decoder_headers()
    {
        // gcc offsetof/sizeof on cisco/openh264's codec/api/wels headers (x86-64 System V); the decoder declarations are the
        // same in 2.3.1 and 2.6.0.
        Assert.Equal(32, Marshal.SizeOf<OpenH264Native.DecodingParam>());
        Assert.Equal(16, (int)Marshal.OffsetOf<OpenH264Native.DecodingParam>("eEcActiveIdc"));
        Assert.Equal(20, (int)Marshal.OffsetOf<OpenH264Native.DecodingParam>("bParseOnly"));
        Assert.Equal(24, (int)Marshal.OffsetOf<OpenH264Native.DecodingParam>("sVideoProperty"));
        Assert.Equal(72, Marshal.SizeOf<OpenH264Native.BufferInfo>());
        Assert.Equal(20, Marshal.SizeOf<OpenH264Native.SystemBuffer>());
        Assert.Equal(24, (int)Marshal.OffsetOf<OpenH264Native.BufferInfo>("sSystemBuffer"));
        Assert.Equal(48, (int)Marshal.OffsetOf<OpenH264Native.BufferInfo>("pDst0"));
        Assert.Equal(80, Marshal.SizeOf<OpenH264Native.DecoderVtbl>());
        Assert.Equal(24, (int)Marshal.OffsetOf<OpenH264Native.DecoderVtbl>("DecodeFrameNoDelay"));
        Assert.Equal(64, (int)Marshal.OffsetOf<OpenH264Native.DecoderVtbl>("SetOption"));
    }

    [Fact]
    public void A_GOP_decodes_frame_by_frame_at_the_encoded_size_above_30_dB()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(320, 240, 90, Params(gov: 5));
        using var decoder = new H264Decoder();
        for (int i = 0; i < 12; i++)
        {
            var source = Scene(320, 240, i * 3);
            var unit = encoder.Encode(source, keyFrame: false);
            var decoded = decoder.Decode(unit.Payload);
            Assert.NotNull(decoded);
            Assert.Equal((320, 240), (decoded.Width, decoded.Height));
            double psnr = Psnr(source, decoded);
            Assert.True(psnr > 30, $"frame {i} ({(unit.IsKeyFrame ? "IDR" : "P")}): PSNR {psnr:F1} dB");
        }
    }

    [Fact]
    public void A_P_frame_without_its_key_frame_is_an_error_not_a_picture_and_a_reset_resumes_at_the_next_IDR()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(160, 120, 80, Params(gov: 3));
        var units = Enumerable.Range(0, 4).Select(i => encoder.Encode(Scene(160, 120, i), false)).ToList();
        using var decoder = new H264Decoder();
        Assert.Throws<InvalidDataException>(() => decoder.Decode(units[1].Payload));
        decoder.Reset();
        Assert.True(units[3].IsKeyFrame);
        var picture = decoder.Decode(units[3].Payload);
        Assert.NotNull(picture);
        Assert.True(Psnr(Scene(160, 120, 3), picture) > 30);
    }

    [Fact]
    public void Truncated_and_corrupt_units_give_InvalidDataException_and_the_decoder_survives()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(160, 120, 80, Params(gov: 2));
        var idr = encoder.Encode(Scene(160, 120, 0), false).Payload;
        var random = new Random(7);
        using var decoder = new H264Decoder();
        var hostile = new List<byte[]> { idr[..(idr.Length / 3)], new byte[] { 0, 0, 0, 1 }, new byte[] { 0, 0, 0, 1, 0x65, 0xFF, 0xFF }, new byte[64] };
        for (int k = 0; k < 20; k++)
        {
            var damaged = (byte[])idr.Clone();
            for (int j = 0; j < 8; j++) damaged[random.Next(damaged.Length)] ^= (byte)random.Next(1, 256);
            hostile.Add(damaged);
        }
        foreach (var unit in hostile)
        {
            try { decoder.Decode(unit); }
            catch (InvalidDataException) { }
            decoder.Reset();
        }
        Assert.Throws<InvalidDataException>(() => decoder.Decode([]));
        var picture = decoder.Decode(idr);
        Assert.NotNull(picture);
        Assert.True(Psnr(Scene(160, 120, 0), picture) > 30);
    }

    [Fact]
    public void The_transcoder_turns_H264_into_JPEG_at_the_requested_size_and_skips_to_the_next_key_frame_after_damage()
    {
        if (!OpenH264Library.IsAvailable) { Console.WriteLine("SKIP: " + OpenH264Library.Diagnose()); return; }
        using var encoder = new H264Encoder(640, 360, 80, Params(gov: 3));
        var units = Enumerable.Range(0, 7).Select(i => encoder.Encode(Scene(640, 360, i), false)).ToList();
        using var transcoder = new JpegTranscoder();
        using var jpeg = new JpegDecoder();
        var target = new TranscodeTarget(320, 180, 70);
        var first = transcoder.Transcode(units[0].Payload, VideoCodec.H264, units[0].IsKeyFrame, target);
        Assert.NotNull(first);
        Assert.Equal([0xFF, 0xD8], first.Jpeg[..2]);
        Assert.Equal((320, 180), (first.Width, first.Height));
        var decoded = jpeg.Decode(first.Jpeg);
        Assert.Equal((320, 180), (decoded.Width, decoded.Height));
        Assert.True(Psnr(RgbScaler.Scale(Scene(640, 360, 0), 0, 0, 640, 360, 320, 180), decoded) > 28);
        // A damaged P frame: an error, then nothing until the IDR at 3.
        var damaged = units[1].Payload[..(units[1].Payload.Length / 2)];
        try { transcoder.Transcode(damaged, VideoCodec.H264, false, target); } catch (InvalidDataException) { }
        Assert.Null(transcoder.Transcode(units[2].Payload, VideoCodec.H264, false, target));
        Assert.NotNull(transcoder.Transcode(units[3].Payload, VideoCodec.H264, true, target));
        Assert.NotNull(transcoder.Transcode(units[4].Payload, VideoCodec.H264, false, target));
        // A seek forgets the GOP.
        transcoder.Reset();
        Assert.Null(transcoder.Transcode(units[5].Payload, VideoCodec.H264, false, target));
        Assert.NotNull(transcoder.Transcode(units[6].Payload, VideoCodec.H264, true, target));
    }

    [Fact]
    public void The_transcoder_crops_and_scales_JPEG()
    {
        using var encoder = new JpegEncoder(90);
        var source = Scene(400, 300, 0);
        using var transcoder = new JpegTranscoder();
        var result = transcoder.Transcode(encoder.Encode(source), VideoCodec.Jpeg, true, new TranscodeTarget(100, 50, 60, (0, 0, 200, 100)));
        using var jpeg = new JpegDecoder();
        var decoded = jpeg.Decode(result!.Jpeg);
        Assert.Equal((100, 50), (decoded.Width, decoded.Height));
        Assert.True(Psnr(RgbScaler.Scale(source, 0, 0, 200, 100, 100, 50), decoded) > 28);
    }
}
