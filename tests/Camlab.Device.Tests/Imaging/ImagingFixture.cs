using Camlab.Device.Imaging;
using Camlab.Device.State;
using Camlab.Testing;

namespace Camlab.Device.Tests.Imaging;

/// <summary>The default camera's imaging plus a third source without imaging, on a fake clock.</summary>
internal sealed class ImagingFixture
{
    public const string Dome = "VideoSource_1";
    public const string Wide = "VideoSource_2";
    public const string Analog = "VideoSource_3";

    public FakeTimeProvider Clock { get; } = new();
    public InMemoryStateStore Store { get; }
    public CameraImaging Imaging { get; }

    public ImagingFixture(bool adaptablePreset = true, InMemoryStateStore? store = null)
    {
        Store = store ?? new InMemoryStateStore();
        Imaging = Create(adaptablePreset);
    }

    public CameraImaging Create(bool adaptablePreset = true) =>
        new([.. DefaultImagingSources.Create(), VideoSourceImagingDefinition.WithoutImaging(Analog)], Store, Clock, adaptablePreset);

    public VideoSourceImaging DomeSource => Imaging.Source(Dome);
    public VideoSourceImaging WideSource => Imaging.Source(Wide);
}
