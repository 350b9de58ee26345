using System.Text;
using Camlab.Onvif.Soap;

namespace Camlab.Server.Tests.Conformance;

/// <summary>
/// docs/onvif.md lists every operation every service serves, with its access class: the table between the
/// <c>operations</c> markers is exactly what a running camera's dispatch registry holds.
/// </summary>
public class OperationsTableTests
{
    private const string Begin = "<!-- operations:begin (generated from the dispatch registry; OperationsTableTests checks it) -->";
    private const string End = "<!-- operations:end -->";

    private static string AccessClassName(AccessClass access) => access switch
    {
        AccessClass.PreAuth => "PRE_AUTH",
        AccessClass.ReadSystem => "READ_SYSTEM",
        AccessClass.ReadSystemSensitive => "READ_SYSTEM_SENSITIVE",
        AccessClass.ReadSystemSecret => "READ_SYSTEM_SECRET",
        AccessClass.WriteSystem => "WRITE_SYSTEM",
        AccessClass.Unrecoverable => "UNRECOVERABLE",
        AccessClass.ReadMedia => "READ_MEDIA",
        AccessClass.Actuate => "ACTUATE",
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    [Fact]
    public async Task Docs_list_every_served_operation_with_its_access_class()
    {
        await using var server = await ServerHarness.StartAsync();
        var table = new StringBuilder();
        table.Append("| service (path) | operation | request namespace | access class |\n| --- | --- | --- | --- |\n");
        foreach (var service in server.Host.Cameras[0].Services.Services)
            foreach (var operation in service.Operations.OrderBy(o => o.Name, StringComparer.Ordinal))
                table.Append($"| `{service.PathSegment}` | `{operation.Name}` | {(operation.Namespace ?? service.Namespace)} | {AccessClassName(operation.Access)} |\n");
        var expected = Begin + "\n" + table + End;
        var doc = await File.ReadAllTextAsync(Path.Combine(Camlab.Testing.SharedRef.RepositoryRoot, "docs", "onvif.md"));
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        var actual = start < 0 || end < start ? "(markers missing)" : doc[start..(end + End.Length)];
        if (actual != expected)
        {
            var path = Path.Combine(Path.GetTempPath(), "camlab-operations-table.md");
            await File.WriteAllTextAsync(path, expected);
            Assert.Fail($"docs/onvif.md's operations table is not what the camera serves; the current table is in {path}");
        }
    }
}
