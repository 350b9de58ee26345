using Camlab.Device.State;
using Camlab.Rendering;
using Camlab.Server.Privacy;
using Camlab.Server.Streaming;
using Camlab.Rendering.Imaging;

namespace Camlab.Server.Tests.Privacy;

/// <summary>One camera's masks without a host: precedence of persisted over configured, and a failed write changing nothing.</summary>
public class CameraPrivacyMasksTests
{
    private static readonly string[] Sources = ["VideoSource_1", "VideoSource_2"];

    private static PrivacyMaskDefinition Mask(string name, double pan) =>
        new(name, new PrivacyMask([new PanTilt(pan, -10), new PanTilt(pan + 10, -10), new PanTilt(pan + 5, 0)]));

    /// <summary>A store whose writes fail, as a full disk would make them.</summary>
    private sealed class FullDisk(IStateStore inner) : IStateStore
    {
        public bool Full { get; set; }
        public string? Read(string name) => inner.Read(name);
        public void Write(string name, string content)
        {
            if (Full) throw new IOException("No space left on device");
            inner.Write(name, content);
        }
        public void Delete(string name) => inner.Delete(name);
    }

    [Fact]
    public void Persisted_lists_win_over_the_configuration_per_source()
    {
        var store = new InMemoryStateStore();
        var configured = new Dictionary<string, IReadOnlyList<PrivacyMaskDefinition>> { ["VideoSource_1"] = [Mask("Configured", 0)], ["VideoSource_2"] = [Mask("Wide", 40)] };
        var first = new CameraPrivacyMasks(store, Sources, configured, new DefaultCameraViewState());
        first.Replace("VideoSource_1", [Mask("Set", 90)]);

        var view = new DefaultCameraViewState();
        var again = new CameraPrivacyMasks(store, Sources, configured, view);
        Assert.Equal((PrivacyMaskOrigin.Api, "Set"), (again.Source("VideoSource_1").Origin, again.Source("VideoSource_1").Masks.Single().Name));
        Assert.Equal((PrivacyMaskOrigin.Configuration, "Wide"), (again.Source("VideoSource_2").Origin, again.Source("VideoSource_2").Masks.Single().Name));
        Assert.Equal(Mask("Set", 90).Mask, view.PrivacyMasks("VideoSource_1").Single());
        Assert.Equal(Mask("Wide", 40).Mask, view.PrivacyMasks("VideoSource_2").Single());

        var none = new CameraPrivacyMasks(new InMemoryStateStore(), Sources, new Dictionary<string, IReadOnlyList<PrivacyMaskDefinition>>(), new DefaultCameraViewState());
        Assert.All(none.All(), s => Assert.Equal((PrivacyMaskOrigin.None, 0), (s.Origin, s.Masks.Count)));
    }

    [Fact]
    public void A_write_that_fails_changes_neither_the_picture_nor_the_list()
    {
        var store = new FullDisk(new InMemoryStateStore());
        var view = new DefaultCameraViewState();
        var masks = new CameraPrivacyMasks(store, Sources, new Dictionary<string, IReadOnlyList<PrivacyMaskDefinition>>(), view);
        masks.Replace("VideoSource_1", [Mask("Kept", 0)]);
        var document = store.Read(CameraPrivacyMasks.DocumentName("VideoSource_1"));

        store.Full = true;
        Assert.Throws<IOException>(() => masks.Replace("VideoSource_1", [Mask("Lost", 90)]));
        Assert.Throws<IOException>(() => masks.Replace("VideoSource_1", []));
        Assert.Equal("Kept", masks.Source("VideoSource_1").Masks.Single().Name);
        Assert.Equal(Mask("Kept", 0).Mask, view.PrivacyMasks("VideoSource_1").Single());
        Assert.Equal(document, store.Read(CameraPrivacyMasks.DocumentName("VideoSource_1")));
        Assert.Throws<KeyNotFoundException>(() => masks.Replace("VideoSource_9", []));
    }
}
