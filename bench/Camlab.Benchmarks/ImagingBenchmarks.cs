using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using Camlab.Device.Imaging;
using Camlab.Device.State;
using Camlab.Onvif.Imaging;
using Camlab.Onvif.Soap;

namespace Camlab.Benchmarks;

/// <summary>
/// The imaging paths that run per frame (the renderer reading settings and focus, with continuous auto-focus
/// tracking) and per request (SetImagingSettings: merge, validate, persist; GetImagingSettings: write XML).
/// </summary>
[MemoryDiagnoser]
public class ImagingBenchmarks
{
    private VideoSourceImaging _dome = null!;
    private SoapOperation _getSettings = null!;
    private SoapRequest _getSettingsRequest = null!;
    private readonly StringBuilder _output = new(8192);
    private readonly ImagingSettings _update = new() { Brightness = 60f, Exposure = new(ExposureMode.AUTO, MaxGain: 30f) };

    [GlobalSetup]
    public void Setup()
    {
        var imaging = new CameraImaging(DefaultImagingSources.Create(), new InMemoryStateStore(), TimeProvider.System);
        _dome = imaging.Source(DefaultImagingSources.Dome);
        var service = new ImagingService(imaging);
        _getSettings = service.Operations.Single(o => o.Name == "GetImagingSettings");
        var body = System.Xml.Linq.XElement.Parse($"<GetImagingSettings xmlns=\"{OnvifNamespaces.Imaging}\"><VideoSourceToken>VideoSource_1</VideoSourceToken></GetImagingSettings>");
        _getSettingsRequest = new SoapRequest(body, null, UserLevel.Administrator, TimeProvider.System);
    }

    [Benchmark(Baseline = true, Description = "per frame: Settings + Focus (AF tracking)")]
    public double FrameRead() => _dome.Settings.Brightness!.Value + _dome.Focus.Defocus;

    [Benchmark(Description = "SetImagingSettings: merge + validate + persist")]
    public void SetSettings() => _dome.SetSettings(_update);

    [Benchmark(Description = "GetImagingSettings: write the response XML")]
    public int GetSettingsXml()
    {
        _output.Clear();
        using (var writer = XmlWriter.Create(_output, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
            _getSettings.Handle(_getSettingsRequest, writer);
        return _output.Length;
    }
}
