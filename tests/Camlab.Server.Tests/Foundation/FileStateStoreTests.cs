using Camlab.Server.State;

namespace Camlab.Server.Tests.Foundation;

public sealed class FileStateStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "camlab-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Documents_survive_a_new_store_on_the_same_directory()
    {
        new FileStateStore(_root).Write("ptz/presets.json", "{\"a\":1}");
        var reopened = new FileStateStore(_root);
        Assert.Equal("{\"a\":1}", reopened.Read("ptz/presets.json"));
        Assert.Null(reopened.Read("ptz/missing.json"));
    }

    [Fact]
    public void Overwrite_replaces_whole_and_leaves_no_temporary_files()
    {
        var store = new FileStateStore(_root);
        store.Write("doc.json", new string('x', 10_000));
        store.Write("doc.json", "short");
        Assert.Equal("short", store.Read("doc.json"));
        Assert.Equal(["doc.json"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Delete_removes_the_document()
    {
        var store = new FileStateStore(_root);
        store.Write("a.json", "1");
        store.Delete("a.json");
        store.Delete("a.json");
        Assert.Null(store.Read("a.json"));
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public void Names_cannot_leave_the_data_directory(string name) =>
        Assert.Throws<ArgumentException>(() => new FileStateStore(_root).Write(name, "x"));
}
